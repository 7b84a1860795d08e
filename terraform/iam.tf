# Identities and the grants between them. Every grant is commented with why it exists; no
# primitive role (owner, editor, viewer) and no public member (allUsers, allAuthenticatedUsers)
# appear anywhere: test/deploy/terraform.test.ts fails if one does. Grants on a single resource
# (a topic, a service, a repository) live next to it unless they are about identities.

locals {
  # One runtime identity per function, and one for the migration job. Each is also a Cloud SQL IAM
  # database user (database.tf).
  runtime_accounts = {
    parse   = "Parse function (Pub/Sub push -> Cloud SQL)"
    upload  = "Upload function (HTTP API -> Cloud SQL, Pub/Sub)"
    reparse = "Re-parse function (Cloud Scheduler -> Cloud SQL, Pub/Sub)"
    migrate = "Migration job (owns the database schema)"
  }

  # Cloud SQL names an IAM service-account user by the email without ".gserviceaccount.com".
  db_users = { for k, sa in google_service_account.runtime : k => trimsuffix(sa.email, ".gserviceaccount.com") }

  # Limits the project-level Cloud SQL grants below to this one instance.
  sql_instance_condition = "resource.service == \"sqladmin.googleapis.com\" && resource.name == \"projects/${var.project_id}/instances/${var.db_instance_name}\""

  pubsub_service_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_service_account" "runtime" {
  for_each = local.runtime_accounts

  account_id   = "${var.name_prefix}-${each.key}"
  display_name = each.value

  depends_on = [google_project_service.enabled]
}

# Pub/Sub signs the push requests' OIDC tokens as this account; it may invoke the parse service only.
resource "google_service_account" "push" {
  account_id   = "${var.name_prefix}-push"
  display_name = "Pub/Sub push to the parse function"

  depends_on = [google_project_service.enabled]
}

# Cloud Scheduler signs the re-parse call's OIDC token as this account; it may invoke the re-parse
# service only.
resource "google_service_account" "scheduler" {
  account_id   = "${var.name_prefix}-scheduler"
  display_name = "Cloud Scheduler to the re-parse function"

  depends_on = [google_project_service.enabled]
}

# Cloud Build runs cloudbuild.yaml as this account (set on the trigger, docs/deploy.md): it builds
# and pushes the image, runs the migration job and deploys the three services, nothing else.
resource "google_service_account" "build" {
  account_id   = "${var.name_prefix}-build"
  display_name = "Cloud Build: test, build, migrate, deploy"

  depends_on = [google_project_service.enabled]
}

# --- Runtime identities -> Cloud SQL --------------------------------------------------------------
# Cloud SQL has no per-instance IAM policy, so these are project grants with an IAM condition that
# limits them to this instance.

# The Cloud SQL connector in each process fetches the instance's connection info and an ephemeral
# client certificate (cloudsql.instances.connect, cloudsql.instances.get).
resource "google_project_iam_member" "runtime_sql_client" {
  for_each = google_service_account.runtime

  project = var.project_id
  role    = "roles/cloudsql.client"
  member  = each.value.member

  condition {
    title       = "only-${var.db_instance_name}"
    description = "The jd-parser Cloud SQL instance only"
    expression  = local.sql_instance_condition
  }
}

# IAM database authentication: logging in as the IAM database user (cloudsql.instances.login).
resource "google_project_iam_member" "runtime_sql_instance_user" {
  for_each = google_service_account.runtime

  project = var.project_id
  role    = "roles/cloudsql.instanceUser"
  member  = each.value.member

  condition {
    title       = "only-${var.db_instance_name}"
    description = "The jd-parser Cloud SQL instance only"
    expression  = local.sql_instance_condition
  }
}

# --- The Pub/Sub service agent -------------------------------------------------------------------

# Pub/Sub mints the push OIDC token for the push account. Google's push-authentication guide asks
# for this role only when the Pub/Sub service agent was created on or before 8 April 2021 (newer
# agents sign without it); it is granted here on this one account, never project-wide, so a
# project of any age works and nothing else can be impersonated.
resource "google_service_account_iam_member" "pubsub_agent_mints_push_tokens" {
  service_account_id = google_service_account.push.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_service_agent

  depends_on = [google_project_service.enabled]
}

# --- Cloud Build ---------------------------------------------------------------------------------

# A build that runs as a user-specified service account must write its own logs (cloudbuild.yaml
# sets logging: CLOUD_LOGGING_ONLY, as Cloud Build requires with such an account).
resource "google_project_iam_member" "build_log_writer" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = google_service_account.build.member
}

# Deploying a service or updating the job attaches its runtime account to it (iam.serviceAccounts.actAs):
# on these four accounts only, not project-wide, so a build cannot run anything as another identity.
resource "google_service_account_iam_member" "build_acts_as_runtime" {
  for_each = google_service_account.runtime

  service_account_id = each.value.name
  role               = "roles/iam.serviceAccountUser"
  member             = google_service_account.build.member
}
