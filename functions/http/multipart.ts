import Busboy from 'busboy';
import { AppError } from '../../shared/errors/app-error';

export interface MultipartFile {
  bytes: Buffer;
  fileName: string | undefined;
  contentType: string | undefined;
}

export interface MultipartForm {
  file: MultipartFile | undefined;
  fields: Record<string, string>;
}

const malformed = (detail: string) => new AppError('INVALID_INPUT', detail, { reason: 'MALFORMED_MULTIPART' });

/**
 * multipart/form-data with one file (field `file`, or the first file part) and text fields,
 * parsed by busboy from bytes already bounded by the server's size limit.
 */
export function parseMultipart(body: Buffer, contentType: string, maxFileBytes: number): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    let parser: Busboy.Busboy;
    try {
      parser = Busboy({
        headers: { 'content-type': contentType },
        limits: { files: 1, fields: 20, fieldSize: 64 * 1024, fileSize: maxFileBytes, parts: 25 },
      });
    } catch {
      reject(malformed('the multipart/form-data boundary is missing or invalid'));
      return;
    }
    const fields: Record<string, string> = {};
    let part: { chunks: Buffer[]; info: Busboy.FileInfo } | undefined;
    let failure: AppError | undefined;
    parser.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      part = { chunks, info };
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A truncated body fails the file stream as well as the parser: the parser's error reports it.
      stream.on('error', () => {});
      stream.on('limit', () => {
        failure ??= new AppError('INPUT_TOO_LARGE', `the file is over the limit of ${maxFileBytes} bytes`, {
          limit: maxFileBytes,
        });
      });
    });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('filesLimit', () => {
      failure ??= malformed('send one file per request');
    });
    parser.on('error', () => reject(failure ?? malformed('the multipart/form-data body is malformed')));
    parser.on('close', () => {
      if (failure) return reject(failure);
      const file = part && {
        bytes: Buffer.concat(part.chunks),
        fileName: part.info.filename || undefined,
        // Browsers send octet-stream for anything they do not know: let the name and bytes decide.
        contentType:
          part.info.mimeType && part.info.mimeType !== 'application/octet-stream' ? part.info.mimeType : undefined,
      };
      resolve({ file, fields });
    });
    parser.end(body);
  });
}
