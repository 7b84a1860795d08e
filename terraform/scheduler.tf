# The scheduled re-parse: finds documents whose current parse was made by an older parser
# (PARSER_VERSION) and publishes them again, so a new parser version reaches old postings without
# anyone re-uploading them.
resource "google_cloud_scheduler_job" "reparse" {
  name        = "${var.name_prefix}-reparse"
  description = "Re-parse documents parsed by an older parser version"
  region      = var.region
  schedule    = var.reparse_schedule
  time_zone   = var.reparse_time_zone

  # As long as the service may take (its time budget plus a minute, functions.tf).
  attempt_deadline = "${local.reparse_timeout_seconds}s"

  # The re-parse is idempotent (it only picks documents still behind), so a retry is harmless; the
  # next scheduled run catches up anyway.
  retry_config {
    retry_count          = 1
    min_backoff_duration = "30s"
    max_backoff_duration = "300s"
  }

  http_target {
    http_method = "POST"
    # The path the re-parse entry point serves (ENTRY_POINTS in functions/entry-points.ts).
    uri  = "${google_cloud_run_v2_service.reparse.uri}/reparse"
    body = base64encode("{}")
    headers = {
      "Content-Type" = "application/json"
    }

    # The service is private: the scheduler account's ID token, audience the service URL. Its only
    # right is run.invoker on the re-parse service (functions.tf).
    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = google_cloud_run_v2_service.reparse.uri
    }
  }

  depends_on = [
    google_project_service.enabled,
    google_cloud_run_v2_service_iam_member.scheduler_invokes_reparse,
  ]
}
