/* Generated from shared/contracts/job-description-message.schema.json by scripts/gen-types.mjs. Do not edit: run `npm run gen:types`. */

/**
 * The JSON body of a message on the job-descriptions topic: one posting, given as exactly one of `text`, as `html`, or as base64 `content` with its `contentType` (PDF, Word, text, Markdown, HTML). A message whose data is not JSON is taken as the posting's plain text, with `source`, `externalId` and `contentType` read from its attributes.
 */
export type JobDescriptionMessage = {
  /**
   * The posting as plain text (or Markdown, with contentType text/markdown).
   */
  text?: string;
  /**
   * The posting as HTML.
   */
  html?: string;
  /**
   * The posting's file, base64-encoded (standard alphabet, padded).
   */
  content?: string;
  /**
   * Media type of `content` (application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document, text/plain, text/markdown, text/html), or text/markdown for `text`.
   */
  contentType?: string;
  /**
   * Original file name of `content`: its extension tells the type when contentType is absent.
   */
  fileName?: string;
  /**
   * Where the posting comes from (a job board, an ATS). Default: pubsub.
   */
  source?: string;
  /**
   * The posting's id at its source: the same (source, externalId) with new content becomes a new version of the same posting. Default: a hash of the content.
   */
  externalId?: string;
  /**
   * The sender's own fields, stored with the document and returned as they came.
   */
  metadata?: {
    [k: string]: string | number | boolean | null;
  };
  /**
   * Internal: parse a document already stored (sent by the upload endpoint and by the re-parse fan-out). Excludes the other content fields.
   */
  documentId?: string;
  /**
   * Internal, with documentId: parse again even if the current parse is from this parser version.
   */
  force?: boolean;
} & {
  [k: string]: unknown;
};
