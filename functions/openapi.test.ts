import { jobDescriptionMessageSchema } from '../shared/contracts/validate';
import { ERROR_CODES } from '../shared/errors/app-error';
import { ENTRY_POINTS } from './entry-points';
import openapi from './openapi.json';

describe('the OpenAPI document', () => {
  test('when an error code exists, then the problem schema lists it, and nothing else', () => {
    const listed = [...openapi.components.schemas.Problem.properties.code.enum].sort();
    expect(listed).toEqual(Object.keys(ERROR_CODES).sort());
  });

  test('when the upload function serves a path, then the document describes it', () => {
    const documented = Object.keys(openapi.paths).map((p) => p.replace(/\/\{id\}$/, ''));
    for (const path of ENTRY_POINTS.uploadJobDescription.paths) expect(documented).toContain(path);
  });

  test('when the message schema has a content field, then the upload JSON body has it too', () => {
    const upload = Object.keys(openapi.components.schemas.JobDescriptionMessage.properties).sort();
    const message = Object.keys(jobDescriptionMessageSchema.properties)
      .filter((k) => k !== 'documentId' && k !== 'force')
      .sort();
    expect(upload).toEqual(message);
  });
});
