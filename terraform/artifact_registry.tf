# The one image every service and the migration job run (Dockerfile at the repository root).
resource "google_artifact_registry_repository" "images" {
  location      = var.region
  repository_id = var.artifact_repository
  format        = "DOCKER"
  description   = "jd-parser container images, tagged with the commit SHA by cloudbuild.yaml"

  # Images are tagged by commit; keep the recent ones (rollback), delete the rest after 90 days.
  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"
    most_recent_versions {
      keep_count = 20
    }
  }
  cleanup_policies {
    id     = "delete-old"
    action = "DELETE"
    condition {
      older_than = "7776000s"
    }
  }

  depends_on = [google_project_service.enabled]
}

# cloudbuild.yaml pushes the commit's image here (the push step), on this repository only.
resource "google_artifact_registry_repository_iam_member" "build_pushes_images" {
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.writer"
  member     = google_service_account.build.member
}
