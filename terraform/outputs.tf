output "upload_url" {
  description = "Base URL of the upload API (POST /job-descriptions, GET /job-descriptions/{id}); callers need an identity token."
  value       = google_cloud_run_v2_service.upload.uri
}

output "parse_url" {
  description = "URL of the parse service (internal ingress: Pub/Sub push only)."
  value       = google_cloud_run_v2_service.parse.uri
}

output "reparse_url" {
  description = "URL of the re-parse service (internal ingress: Cloud Scheduler only)."
  value       = google_cloud_run_v2_service.reparse.uri
}

output "service_names" {
  description = "Cloud Run service names, by function (cloudbuild.yaml deploys to these)."
  value       = local.service_names
}

output "migrate_job" {
  description = "Cloud Run job that applies database migrations (cloudbuild.yaml's _MIGRATE_JOB)."
  value       = google_cloud_run_v2_job.migrate.name
}

output "topic" {
  description = "Pub/Sub topic (PUBSUB_TOPIC) that uploads and the re-parse publish to."
  value       = google_pubsub_topic.job_descriptions.name
}

output "push_subscription" {
  description = "Push subscription that delivers the topic to the parse service."
  value       = google_pubsub_subscription.parse_push.name
}

output "dead_letter_subscription" {
  description = "Pull subscription holding messages that failed max_delivery_attempts times."
  value       = google_pubsub_subscription.dead_letter.name
}

output "instance_connection_name" {
  description = "Cloud SQL instance as project:region:instance (INSTANCE_CONNECTION_NAME)."
  value       = google_sql_database_instance.main.connection_name
}

output "database" {
  description = "Database name (DB_NAME)."
  value       = google_sql_database.main.name
}

output "db_users" {
  description = "Cloud SQL IAM database users, by identity (DB_USER); the SQL grants in docs/deploy.md name them."
  value       = local.db_users
}

output "service_accounts" {
  description = "Service account emails: runtime identities, Pub/Sub push, Cloud Scheduler, Cloud Build."
  value = merge(
    { for k, sa in google_service_account.runtime : k => sa.email },
    {
      push      = google_service_account.push.email
      scheduler = google_service_account.scheduler.email
      build     = google_service_account.build.email
    },
  )
}

output "build_service_account" {
  description = "The account the Cloud Build trigger must run as (docs/deploy.md)."
  value       = google_service_account.build.id
}

output "image_repository" {
  description = "Where cloudbuild.yaml pushes the image: REGION-docker.pkg.dev/PROJECT/REPOSITORY."
  value       = "${google_artifact_registry_repository.images.location}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "connection_budget" {
  description = "Connections each part may hold at most, and the total, against db_max_connections."
  value       = merge(local.connection_budget, { total = local.connection_budget_total, max_connections = var.db_max_connections })
}
