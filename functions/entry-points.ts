/**
 * The functions this source deploys, by Functions Framework target name, with the HTTP paths the
 * all-in-one server (`npm start`, or an image without FUNCTION_TARGET) routes to each. Terraform and
 * cloudbuild.yaml name these targets; a test ties them together.
 */
export const ENTRY_POINTS = {
  /** Pub/Sub push (raw push body or Eventarc messagePublished CloudEvent): parse and store. */
  parseJobDescription: { paths: ['/pubsub/push'] },
  /** The upload API: POST /job-descriptions, GET /job-descriptions/{id}, GET /openapi.json. */
  uploadJobDescription: { paths: ['/job-descriptions', '/openapi.json'] },
  /** Cloud Scheduler's target: re-parse documents whose parse is older than this parser. */
  reparseJobDescriptions: { paths: ['/reparse'] },
} as const;

export type EntryPoint = keyof typeof ENTRY_POINTS;
