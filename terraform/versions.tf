terraform {
  # 1.5: `check` blocks and `terraform_data`; any 1.x after that reads this configuration.
  required_version = ">= 1.5.0, < 2.0.0"

  required_providers {
    google = {
      source = "hashicorp/google"
      # 6.0 added deletion_protection to Cloud Run v2 services and jobs (used in functions.tf);
      # 7.x changed nothing this configuration uses. Check the upgrade guide before allowing 8.
      version = ">= 6.0, < 8.0"
    }
  }

  # State lives in a GCS bucket created once by hand (docs/deploy.md, step 3). Partial
  # configuration: `terraform init -backend-config="bucket=..." -backend-config="prefix=..."`, one
  # prefix per environment.
  backend "gcs" {}
}

provider "google" {
  project = var.project_id
  region  = var.region

  default_labels = {
    app = var.name_prefix
  }
}

data "google_project" "this" {
  project_id = var.project_id
}
