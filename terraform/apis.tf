# The project APIs this deployment uses. The APIs Terraform itself needs before it can enable
# anything (serviceusage, cloudresourcemanager) are enabled by hand first: docs/deploy.md, step 2.
locals {
  apis = concat(
    [
      "artifactregistry.googleapis.com", # the container image
      "cloudbuild.googleapis.com",       # the CI/CD pipeline (cloudbuild.yaml)
      "cloudresourcemanager.googleapis.com",
      "cloudscheduler.googleapis.com", # the scheduled re-parse
      "iam.googleapis.com",            # service accounts
      "iamcredentials.googleapis.com", # identity tokens (smoke test, OIDC)
      "logging.googleapis.com",
      "pubsub.googleapis.com",   # the topic, the push subscription, the dead letters
      "run.googleapis.com",      # the three services and the migration job
      "sqladmin.googleapis.com", # Cloud SQL, also used by the Cloud SQL connector at run time
    ],
    # Private IP: the instance is peered into the VPC through private services access.
    local.private_ip ? ["compute.googleapis.com", "servicenetworking.googleapis.com"] : [],
  )
}

# No secretmanager.googleapis.com: nothing this deployment uses is secret (see secrets in
# docs/deploy.md). The database is reached with IAM database authentication, the pushes and the
# scheduler with OIDC tokens minted by Google for service accounts.
resource "google_project_service" "enabled" {
  for_each = toset(local.apis)

  project = var.project_id
  service = each.value

  # Leaving the API on when this configuration is destroyed: other things in the project may use it.
  disable_on_destroy         = false
  disable_dependent_services = false
}
