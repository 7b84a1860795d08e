# The three functions, as Cloud Run services running the one image (Dockerfile): the image's
# server serves the function named by FUNCTION_TARGET (a key of ENTRY_POINTS in
# functions/entry-points.ts). Plus the migration job, the same image running db:migrate.
#
# Terraform creates them with var.image (a public placeholder at first) and then ignores the image:
# cloudbuild.yaml deploys each commit's image. Everything else (env, scaling, identity, ingress)
# stays Terraform's. Env var names must be keys of ENV_VARS in shared/config/app-config.ts, and
# each service's env is written as literal maps below so that test/deploy/terraform.test.ts can
# check them.

locals {
  service_names = {
    parse   = "${var.name_prefix}-parse"
    upload  = "${var.name_prefix}-upload"
    reparse = "${var.name_prefix}-reparse"
  }
  migrate_job_name = "${var.name_prefix}-migrate"

  # What every process that opens the database or publishes reads (shared/db/config.ts,
  # shared/config/app-config.ts).
  common_env = {
    INSTANCE_CONNECTION_NAME = google_sql_database_instance.main.connection_name
    DB_NAME                  = google_sql_database.main.name
    DB_IP_TYPE               = local.private_ip ? "PRIVATE" : "PUBLIC"
    GOOGLE_CLOUD_PROJECT     = var.project_id
    PUBSUB_TOPIC             = google_pubsub_topic.job_descriptions.name
    LOG_LEVEL                = var.log_level
  }

  parse_env = {
    FUNCTION_TARGET  = "parseJobDescription"
    DB_USER          = local.db_users["parse"]
    DB_POOL_MAX      = tostring(var.parse_db_pool_max)
    MAX_UPLOAD_BYTES = tostring(var.max_upload_bytes)
  }

  upload_env = {
    FUNCTION_TARGET  = "uploadJobDescription"
    DB_USER          = local.db_users["upload"]
    DB_POOL_MAX      = tostring(var.upload_db_pool_max)
    MAX_UPLOAD_BYTES = tostring(var.max_upload_bytes)
  }

  reparse_env = {
    FUNCTION_TARGET        = "reparseJobDescriptions"
    DB_USER                = local.db_users["reparse"]
    DB_POOL_MAX            = tostring(var.reparse_db_pool_max)
    REPARSE_BATCH_SIZE     = tostring(var.reparse_batch_size)
    REPARSE_TIME_BUDGET_MS = tostring(var.reparse_time_budget_seconds * 1000)
  }

  # V8's old generation gets half of a service's memory: what Node 22 derives by itself from a
  # container's memory limit, set here so that it does not depend on the sandbox exposing that
  # limit. `npm run bench:reparse` measures with the same setting (BENCH_INSTANCE_MEMORY_MB).
  memory_mb = endswith(var.memory, "Gi") ? tonumber(trimsuffix(var.memory, "Gi")) * 1024 : tonumber(trimsuffix(var.memory, "Mi"))
  service_node_env = {
    NODE_OPTIONS = "--max-old-space-size=${floor(local.memory_mb / 2)}"
  }

  migrate_env = {
    DB_USER     = local.db_users["migrate"]
    DB_POOL_MAX = tostring(var.migrate_db_pool_max)
  }

  # The re-parse spends up to its time budget, then answers with a cursor: a minute of slack.
  reparse_timeout_seconds = var.reparse_time_budget_seconds + 60
}

# --- Parse: Pub/Sub push -> parse -> Cloud SQL ---------------------------------------------------
resource "google_cloud_run_v2_service" "parse" {
  name                = local.service_names.parse
  location            = var.region
  deletion_protection = var.deletion_protection

  # Internal only. Cloud Run counts requests from Pub/Sub (and Cloud Scheduler, Eventarc, Cloud
  # Tasks, Workflows) in the same project or VPC-SC perimeter as internal, so the push still
  # arrives at the run.app URL while nothing on the internet can reach the service at all.
  # (Cloud Run docs, "Restrict network ingress": Internal allows "Pub/Sub ... if they are in the
  # same project or VPC Service Controls perimeter as your Cloud Run service".)
  ingress = "INGRESS_TRAFFIC_INTERNAL_ONLY"

  template {
    service_account                  = google_service_account.runtime["parse"].email
    max_instance_request_concurrency = var.parse_concurrency
    # As long as Pub/Sub waits for the push to be acknowledged (pubsub.tf).
    timeout = "${var.push_ack_deadline_seconds}s"

    scaling {
      min_instance_count = var.parse_min_instances
      max_instance_count = var.parse_max_instances
    }

    dynamic "vpc_access" {
      for_each = local.private_ip ? [1] : []
      content {
        egress = "PRIVATE_RANGES_ONLY"
        network_interfaces {
          network    = var.private_network
          subnetwork = var.private_subnetwork
        }
      }
    }

    containers {
      image = var.image

      ports {
        container_port = 8080
      }

      resources {
        limits = {
          cpu    = "1"
          memory = var.memory
        }
        cpu_idle          = true
        startup_cpu_boost = true
      }

      dynamic "env" {
        for_each = merge(local.common_env, local.service_node_env, local.parse_env)
        content {
          name  = env.key
          value = env.value
        }
      }
    }
  }

  traffic {
    type    = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"
    percent = 100
  }

  lifecycle {
    ignore_changes = [client, client_version, template[0].containers[0].image]
  }

  depends_on = [google_project_iam_member.runtime_sql_client, google_sql_user.iam]
}

# --- Upload: the HTTP API ------------------------------------------------------------------------
resource "google_cloud_run_v2_service" "upload" {
  name                = local.service_names.upload
  location            = var.region
  deletion_protection = var.deletion_protection

  # Reachable from anywhere, but every request needs an identity token of a principal holding
  # run.invoker (var.upload_invokers, the build's smoke test): there is no public invoker.
  ingress = "INGRESS_TRAFFIC_ALL"

  template {
    service_account                  = google_service_account.runtime["upload"].email
    max_instance_request_concurrency = var.upload_concurrency
    timeout                          = "60s"

    scaling {
      min_instance_count = var.upload_min_instances
      max_instance_count = var.upload_max_instances
    }

    dynamic "vpc_access" {
      for_each = local.private_ip ? [1] : []
      content {
        egress = "PRIVATE_RANGES_ONLY"
        network_interfaces {
          network    = var.private_network
          subnetwork = var.private_subnetwork
        }
      }
    }

    containers {
      image = var.image

      ports {
        container_port = 8080
      }

      resources {
        limits = {
          cpu    = "1"
          memory = var.memory
        }
        cpu_idle          = true
        startup_cpu_boost = true
      }

      dynamic "env" {
        for_each = merge(local.common_env, local.service_node_env, local.upload_env)
        content {
          name  = env.key
          value = env.value
        }
      }
    }
  }

  traffic {
    type    = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"
    percent = 100
  }

  lifecycle {
    ignore_changes = [client, client_version, template[0].containers[0].image]
  }

  depends_on = [google_project_iam_member.runtime_sql_client, google_sql_user.iam]
}

# --- Re-parse: Cloud Scheduler -> fan-out to the topic -------------------------------------------
resource "google_cloud_run_v2_service" "reparse" {
  name                = local.service_names.reparse
  location            = var.region
  deletion_protection = var.deletion_protection

  # Internal only: Cloud Scheduler in the same project counts as internal (see the parse service).
  # Run it by hand with `gcloud scheduler jobs run`.
  ingress = "INGRESS_TRAFFIC_INTERNAL_ONLY"

  template {
    service_account = google_service_account.runtime["reparse"].email
    # One call at a time: the scheduler is the only caller and each call works through batches.
    max_instance_request_concurrency = 1
    timeout                          = "${local.reparse_timeout_seconds}s"

    scaling {
      min_instance_count = 0
      max_instance_count = var.reparse_max_instances
    }

    dynamic "vpc_access" {
      for_each = local.private_ip ? [1] : []
      content {
        egress = "PRIVATE_RANGES_ONLY"
        network_interfaces {
          network    = var.private_network
          subnetwork = var.private_subnetwork
        }
      }
    }

    containers {
      image = var.image

      ports {
        container_port = 8080
      }

      resources {
        limits = {
          cpu    = "1"
          memory = var.memory
        }
        cpu_idle          = true
        startup_cpu_boost = true
      }

      dynamic "env" {
        for_each = merge(local.common_env, local.service_node_env, local.reparse_env)
        content {
          name  = env.key
          value = env.value
        }
      }
    }
  }

  traffic {
    type    = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"
    percent = 100
  }

  lifecycle {
    ignore_changes = [client, client_version, template[0].containers[0].image]
  }

  depends_on = [google_project_iam_member.runtime_sql_client, google_sql_user.iam]
}

# --- The migration job: `node dist/shared/db/migrate-cli.js` (npm run db:migrate) ---------------
resource "google_cloud_run_v2_job" "migrate" {
  name                = local.migrate_job_name
  location            = var.region
  deletion_protection = var.deletion_protection

  template {
    task_count  = 1
    parallelism = 1

    template {
      service_account = google_service_account.runtime["migrate"].email
      timeout         = "600s"
      # The migrator is idempotent and serialised by an advisory lock: one retry is safe.
      max_retries = 1

      dynamic "vpc_access" {
        for_each = local.private_ip ? [1] : []
        content {
          egress = "PRIVATE_RANGES_ONLY"
          network_interfaces {
            network    = var.private_network
            subnetwork = var.private_subnetwork
          }
        }
      }

      containers {
        image   = var.image
        command = ["node"]
        args    = ["dist/shared/db/migrate-cli.js"]

        resources {
          limits = {
            cpu    = "1"
            memory = "512Mi"
          }
        }

        dynamic "env" {
          for_each = merge(local.common_env, local.migrate_env)
          content {
            name  = env.key
            value = env.value
          }
        }
      }
    }
  }

  lifecycle {
    ignore_changes = [client, client_version, template[0].template[0].containers[0].image]
  }

  depends_on = [google_project_iam_member.runtime_sql_instance_user, google_sql_user.iam]
}

# --- Who may call what ---------------------------------------------------------------------------

# Pub/Sub pushes to the parse service with the push account's OIDC token (pubsub.tf).
resource "google_cloud_run_v2_service_iam_member" "push_invokes_parse" {
  location = google_cloud_run_v2_service.parse.location
  name     = google_cloud_run_v2_service.parse.name
  role     = "roles/run.invoker"
  member   = google_service_account.push.member
}

# Cloud Scheduler calls the re-parse service with the scheduler account's OIDC token (scheduler.tf).
resource "google_cloud_run_v2_service_iam_member" "scheduler_invokes_reparse" {
  location = google_cloud_run_v2_service.reparse.location
  name     = google_cloud_run_v2_service.reparse.name
  role     = "roles/run.invoker"
  member   = google_service_account.scheduler.member
}

# The people and systems that upload postings (var.upload_invokers, validated never to be public).
resource "google_cloud_run_v2_service_iam_member" "upload_invokers" {
  for_each = toset(var.upload_invokers)

  location = google_cloud_run_v2_service.upload.location
  name     = google_cloud_run_v2_service.upload.name
  role     = "roles/run.invoker"
  member   = each.value
}

# The build's smoke test POSTs a posting to the upload API and GETs it back (cloudbuild.yaml).
resource "google_cloud_run_v2_service_iam_member" "build_smoke_tests_upload" {
  location = google_cloud_run_v2_service.upload.location
  name     = google_cloud_run_v2_service.upload.name
  role     = "roles/run.invoker"
  member   = google_service_account.build.member
}

# The build deploys a new revision of each service (gcloud run deploy --image): developer on these
# three services only, not on the project.
resource "google_cloud_run_v2_service_iam_member" "build_deploys" {
  for_each = {
    parse   = google_cloud_run_v2_service.parse
    upload  = google_cloud_run_v2_service.upload
    reparse = google_cloud_run_v2_service.reparse
  }

  location = each.value.location
  name     = each.value.name
  role     = "roles/run.developer"
  member   = google_service_account.build.member
}

# The build points the migration job at the new image and runs it (gcloud run jobs update/execute).
resource "google_cloud_run_v2_job_iam_member" "build_runs_migrations" {
  location = google_cloud_run_v2_job.migrate.location
  name     = google_cloud_run_v2_job.migrate.name
  role     = "roles/run.developer"
  member   = google_service_account.build.member
}
