# Cloud SQL for PostgreSQL. Every process connects through the Cloud SQL connector in-process
# (@google-cloud/cloud-sql-connector) with IAM database authentication: no password exists, so
# there is nothing to keep in Secret Manager. The connector needs no authorized network, so the
# instance has none (and never 0.0.0.0/0); with private_network set it has no public IP at all.

resource "google_sql_database_instance" "main" {
  name             = var.db_instance_name
  database_version = var.db_version
  region           = var.region

  # Terraform refuses to destroy the instance...
  deletion_protection = var.deletion_protection

  settings {
    tier              = var.db_tier
    edition           = var.db_edition
    availability_type = var.db_availability_type
    disk_type         = "PD_SSD"
    disk_size         = var.db_disk_size_gb
    disk_autoresize   = true

    # ...and so does the Cloud SQL API, whoever asks (console, gcloud).
    deletion_protection_enabled = var.deletion_protection

    # IAM database authentication: the service accounts below log in with IAM tokens.
    database_flags {
      name  = "cloudsql.iam_authentication"
      value = "on"
    }

    # Sized from the connection budget (variables.tf, checks.tf).
    database_flags {
      name  = "max_connections"
      value = tostring(var.db_max_connections)
    }

    backup_configuration {
      enabled                        = true
      start_time                     = var.db_backup_start_time
      point_in_time_recovery_enabled = true
      transaction_log_retention_days = var.db_log_retention_days

      backup_retention_settings {
        retained_backups = var.db_retained_backups
        retention_unit   = "COUNT"
      }
    }

    ip_configuration {
      # Public IP only when there is no private network, and then with no authorized networks:
      # only the connector (IAM-authorised, TLS with an ephemeral client certificate) gets in.
      ipv4_enabled    = !local.private_ip
      private_network = var.private_network
      ssl_mode        = "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"
    }

    insights_config {
      query_insights_enabled = true
    }

    maintenance_window {
      day          = 7 # Sunday
      hour         = 4
      update_track = "stable"
    }
  }

  lifecycle {
    precondition {
      condition     = local.connection_budget_total <= var.db_max_connections
      error_message = "Connection budget ${local.connection_budget_total} exceeds db_max_connections ${var.db_max_connections} (see variables.tf)."
    }
  }

  depends_on = [google_project_service.enabled]
}

resource "google_sql_database" "main" {
  name     = var.db_name
  instance = google_sql_database_instance.main.name

  # The database is only ever dropped with the instance.
  deletion_policy = "ABANDON"
}

# One IAM database user per identity that connects: the three functions and the migration job.
# Table rights are SQL GRANTs, which Terraform cannot issue without a PostgreSQL provider: the
# migration job's user owns the schema and grants the others (docs/deploy.md, "Database rights").
resource "google_sql_user" "iam" {
  for_each = google_service_account.runtime

  instance = google_sql_database_instance.main.name
  name     = local.db_users[each.key]
  type     = "CLOUD_IAM_SERVICE_ACCOUNT"

  # A PostgreSQL role that owns objects or holds grants cannot be dropped through the API.
  deletion_policy = "ABANDON"
}
