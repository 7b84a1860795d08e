# Inputs. Environments are tfvars files (one Google Cloud project per environment, e.g.
# env/staging.tfvars and env/prod.tfvars, each with its own state prefix): see
# terraform.tfvars.example and docs/deploy.md. This file holds variables only, no references to
# resources, so that test/deploy/terraform.test.ts can plan it alone with `terraform`.

# ---------------------------------------------------------------------------------------------
# Project and names
# ---------------------------------------------------------------------------------------------

variable "project_id" {
  description = "Google Cloud project id to deploy into (one project per environment)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id: 6-30 lowercase letters, digits or hyphens, a letter first."
  }
}

variable "region" {
  description = "Region of Cloud Run, Cloud SQL, Artifact Registry and Cloud Scheduler (must match _REGION in cloudbuild.yaml)."
  type        = string
  default     = "europe-west1"

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a Google Cloud region such as europe-west1 or us-central1."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name: services are <prefix>-parse, -upload, -reparse, the job <prefix>-migrate (must match _SERVICE_PREFIX and _MIGRATE_JOB in cloudbuild.yaml)."
  type        = string
  default     = "jd-parser"

  validation {
    # Service account ids are 6-30 characters and the longest suffix is "-scheduler" (10).
    condition     = can(regex("^[a-z][a-z0-9-]{2,18}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 4-20 lowercase letters, digits or hyphens, a letter first, not ending with a hyphen."
  }
}

variable "artifact_repository" {
  description = "Artifact Registry Docker repository id (must match _REPOSITORY in cloudbuild.yaml)."
  type        = string
  default     = "jd-parser"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,61}[a-z0-9]$", var.artifact_repository))
    error_message = "artifact_repository must be lowercase letters, digits and hyphens, a letter first."
  }
}

variable "image" {
  description = <<-EOT
    Container image of the first deployment. Cloud Run needs an image before Cloud Build has built
    one, so this defaults to Google's public placeholder; Terraform ignores later changes to the
    image (lifecycle.ignore_changes), and cloudbuild.yaml deploys every commit's image from then on.
  EOT
  type        = string
  default     = "us-docker.pkg.dev/cloudrun/container/hello"

  validation {
    condition     = can(regex("^[a-z0-9.-]+(:[0-9]+)?/[^ ]+$", var.image))
    error_message = "image must be a full image reference, e.g. europe-west1-docker.pkg.dev/PROJECT/jd-parser/jd-parser:SHA."
  }
}

variable "deletion_protection" {
  description = "Protect the Cloud SQL instance (Terraform and API side) and the Cloud Run services and job from deletion. Turn off only for throwaway environments."
  type        = bool
  default     = true
}

variable "log_level" {
  description = "LOG_LEVEL of every service and the migration job (shared/config/app-config.ts)."
  type        = string
  default     = "info"

  validation {
    condition     = contains(["debug", "info", "warning", "error"], var.log_level)
    error_message = "log_level must be debug, info, warning or error."
  }
}

# ---------------------------------------------------------------------------------------------
# Pub/Sub
# ---------------------------------------------------------------------------------------------

variable "topic_name" {
  description = "Topic that uploads and the re-parse fan-out publish to. Default = DEFAULT_TOPIC in shared/config/app-config.ts (a test ties them)."
  type        = string
  default     = "job-descriptions"

  validation {
    # The rule PUBSUB_TOPIC is checked against in shared/config/app-config.ts, with room for the
    # "-dead-letter" suffix.
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_.~+%-]{2,230}$", var.topic_name))
    error_message = "topic_name must be 3-231 characters, a letter first, then letters, digits or _.~+%-."
  }
}

variable "push_ack_deadline_seconds" {
  description = "Ack deadline of the push subscription, and the parse service's request timeout: a push not answered within it is retried."
  type        = number
  default     = 60

  validation {
    condition     = var.push_ack_deadline_seconds >= 10 && var.push_ack_deadline_seconds <= 600
    error_message = "push_ack_deadline_seconds must be 10-600 (Pub/Sub's limits)."
  }
}

variable "push_min_backoff_seconds" {
  description = "Retry policy: the first redelivery of a failed push waits this long, then exponentially longer."
  type        = number
  default     = 10

  validation {
    condition     = var.push_min_backoff_seconds >= 0 && var.push_min_backoff_seconds <= 600
    error_message = "push_min_backoff_seconds must be 0-600."
  }
}

variable "push_max_backoff_seconds" {
  description = "Retry policy: the longest wait between redeliveries."
  type        = number
  default     = 600

  validation {
    condition     = var.push_max_backoff_seconds >= 0 && var.push_max_backoff_seconds <= 600
    error_message = "push_max_backoff_seconds must be 0-600."
  }
}

variable "max_delivery_attempts" {
  description = "Deliveries of one message before it goes to the dead-letter topic."
  type        = number
  default     = 10

  validation {
    condition     = var.max_delivery_attempts >= 5 && var.max_delivery_attempts <= 100
    error_message = "max_delivery_attempts must be 5-100 (Pub/Sub's limits)."
  }
}

variable "message_retention" {
  description = "How long undelivered messages (and dead letters) are kept."
  type        = string
  default     = "604800s"

  validation {
    condition     = can(regex("^[0-9]+s$", var.message_retention))
    error_message = "message_retention must be a duration in seconds such as 604800s (7 days)."
  }
}

# ---------------------------------------------------------------------------------------------
# The functions (Cloud Run services) and the connection budget
#
# Every instance of a service holds up to DB_POOL_MAX connections to Cloud SQL, so the database
# must accept, with everything scaled out at once:
#
#   parse_max_instances   * parse_db_pool_max      10 * 4 = 40
# + upload_max_instances  * upload_db_pool_max      5 * 4 = 20
# + reparse_max_instances * reparse_db_pool_max     1 * 2 =  2
# + migrate_db_pool_max   (one task at a time)              2
# + db_connection_margin  (Cloud SQL's reserved and admin)  10
#                                                          ----
#                                                           74  <=  db_max_connections = 100
#
# connection_budget.tf checks this at plan time: raise db_max_connections (and the tier) before
# raising max instances or pool sizes.
# ---------------------------------------------------------------------------------------------

variable "parse_min_instances" {
  description = "Parse service: instances kept warm (0 = scale to zero)."
  type        = number
  default     = 0

  validation {
    condition     = var.parse_min_instances >= 0 && var.parse_min_instances <= 100
    error_message = "parse_min_instances must be 0-100."
  }
}

variable "parse_max_instances" {
  description = "Parse service: most instances; with parse_db_pool_max, its share of the connection budget."
  type        = number
  default     = 10

  validation {
    condition     = var.parse_max_instances >= 1 && var.parse_max_instances <= 1000
    error_message = "parse_max_instances must be 1-1000."
  }
}

variable "parse_concurrency" {
  description = "Parse service: concurrent pushes per instance (parsing is CPU-bound: keep it small)."
  type        = number
  default     = 4

  validation {
    condition     = var.parse_concurrency >= 1 && var.parse_concurrency <= 1000
    error_message = "parse_concurrency must be 1-1000."
  }
}

variable "parse_db_pool_max" {
  description = "Parse service: DB_POOL_MAX, connections per instance."
  type        = number
  default     = 4

  validation {
    condition     = var.parse_db_pool_max >= 1 && var.parse_db_pool_max <= 50
    error_message = "parse_db_pool_max must be 1-50 (the range shared/db/config.ts accepts)."
  }
}

variable "upload_min_instances" {
  description = "Upload service: instances kept warm (1 avoids a cold start on the first upload)."
  type        = number
  default     = 0

  validation {
    condition     = var.upload_min_instances >= 0 && var.upload_min_instances <= 100
    error_message = "upload_min_instances must be 0-100."
  }
}

variable "upload_max_instances" {
  description = "Upload service: most instances; with upload_db_pool_max, its share of the connection budget."
  type        = number
  default     = 5

  validation {
    condition     = var.upload_max_instances >= 1 && var.upload_max_instances <= 1000
    error_message = "upload_max_instances must be 1-1000."
  }
}

variable "upload_concurrency" {
  description = "Upload service: concurrent requests per instance."
  type        = number
  default     = 20

  validation {
    condition     = var.upload_concurrency >= 1 && var.upload_concurrency <= 1000
    error_message = "upload_concurrency must be 1-1000."
  }
}

variable "upload_db_pool_max" {
  description = "Upload service: DB_POOL_MAX, connections per instance."
  type        = number
  default     = 4

  validation {
    condition     = var.upload_db_pool_max >= 1 && var.upload_db_pool_max <= 50
    error_message = "upload_db_pool_max must be 1-50 (the range shared/db/config.ts accepts)."
  }
}

variable "upload_invokers" {
  description = "Principals allowed to call the upload API (roles/run.invoker), e.g. [\"group:jd-uploaders@example.com\"]. Never public."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([
      for m in var.upload_invokers :
      can(regex("^(user|group|serviceAccount|domain):[^ ]+$", m)) && !contains(["allUsers", "allAuthenticatedUsers"], m)
    ])
    error_message = "upload_invokers takes user:, group:, serviceAccount: or domain: members; allUsers and allAuthenticatedUsers are refused (the API is not public)."
  }
}

variable "max_upload_bytes" {
  description = "MAX_UPLOAD_BYTES: largest accepted upload or message payload."
  type        = number
  default     = 2097152

  validation {
    condition     = var.max_upload_bytes >= 1024 && var.max_upload_bytes <= 33554432
    error_message = "max_upload_bytes must be 1024-33554432 (the range shared/config/app-config.ts accepts; 32 MiB is Cloud Run's request cap)."
  }
}

variable "reparse_max_instances" {
  description = "Re-parse service: most instances. One scheduler job calls it, so 1 is enough."
  type        = number
  default     = 1

  validation {
    condition     = var.reparse_max_instances >= 1 && var.reparse_max_instances <= 10
    error_message = "reparse_max_instances must be 1-10."
  }
}

variable "reparse_db_pool_max" {
  description = "Re-parse service: DB_POOL_MAX, connections per instance."
  type        = number
  default     = 2

  validation {
    condition     = var.reparse_db_pool_max >= 1 && var.reparse_db_pool_max <= 50
    error_message = "reparse_db_pool_max must be 1-50 (the range shared/db/config.ts accepts)."
  }
}

variable "reparse_batch_size" {
  description = "REPARSE_BATCH_SIZE: documents per re-parse batch."
  type        = number
  default     = 200

  validation {
    condition     = var.reparse_batch_size >= 1 && var.reparse_batch_size <= 5000
    error_message = "reparse_batch_size must be 1-5000 (the range shared/config/app-config.ts accepts)."
  }
}

variable "reparse_time_budget_seconds" {
  description = "REPARSE_TIME_BUDGET_MS / 1000: time one re-parse call may spend. The service timeout and the scheduler's attempt deadline are this plus 60 s."
  type        = number
  default     = 240

  validation {
    # + 60 s must stay within Cloud Scheduler's 30-minute attempt deadline.
    condition     = var.reparse_time_budget_seconds >= 1 && var.reparse_time_budget_seconds <= 1740
    error_message = "reparse_time_budget_seconds must be 1-1740."
  }
}

variable "reparse_schedule" {
  description = "Cron schedule of the re-parse (Cloud Scheduler syntax)."
  type        = string
  default     = "0 * * * *"

  validation {
    condition     = length(split(" ", trimspace(var.reparse_schedule))) == 5
    error_message = "reparse_schedule must be a five-field cron expression, e.g. \"0 * * * *\" (hourly)."
  }
}

variable "reparse_time_zone" {
  description = "Time zone of reparse_schedule (tz database name)."
  type        = string
  default     = "Etc/UTC"
}

variable "migrate_db_pool_max" {
  description = "Migration job: DB_POOL_MAX (the migrator uses one connection; 2 leaves room for the lock)."
  type        = number
  default     = 2

  validation {
    condition     = var.migrate_db_pool_max >= 1 && var.migrate_db_pool_max <= 50
    error_message = "migrate_db_pool_max must be 1-50 (the range shared/db/config.ts accepts)."
  }
}

variable "memory" {
  description = "Memory of each service instance and of the migration task (parsing a 10 MB posting needs a few hundred MB)."
  type        = string
  default     = "1Gi"

  validation {
    condition     = can(regex("^[0-9]+(Mi|Gi)$", var.memory))
    error_message = "memory must be like 512Mi or 1Gi."
  }
}

# ---------------------------------------------------------------------------------------------
# Cloud SQL
# ---------------------------------------------------------------------------------------------

variable "db_instance_name" {
  description = "Cloud SQL instance name (a deleted instance's name cannot be reused for a week)."
  type        = string
  default     = "jd-parser-pg"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,96}[a-z0-9]$", var.db_instance_name))
    error_message = "db_instance_name must be lowercase letters, digits and hyphens, a letter first."
  }
}

variable "db_name" {
  description = "DB_NAME: the database the functions use."
  type        = string
  default     = "jd_parser"

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_]{0,62}$", var.db_name))
    error_message = "db_name must be a lowercase PostgreSQL identifier."
  }
}

variable "db_version" {
  description = "PostgreSQL major version."
  type        = string
  default     = "POSTGRES_16"

  validation {
    condition     = contains(["POSTGRES_15", "POSTGRES_16"], var.db_version)
    error_message = "db_version must be POSTGRES_15 or POSTGRES_16."
  }
}

variable "db_tier" {
  description = "Machine type. Shared-core tiers (db-f1-micro, db-g1-small) have no SLA: development only."
  type        = string
  default     = "db-custom-1-3840"

  validation {
    condition     = can(regex("^db-(custom-[0-9]+-[0-9]+|f1-micro|g1-small|perf-optimized-N-[0-9]+)$", var.db_tier))
    error_message = "db_tier must be a Cloud SQL tier such as db-custom-1-3840."
  }
}

variable "db_edition" {
  description = "Cloud SQL edition. ENTERPRISE takes the db-custom tiers; ENTERPRISE_PLUS the db-perf-optimized ones."
  type        = string
  default     = "ENTERPRISE"

  validation {
    condition     = contains(["ENTERPRISE", "ENTERPRISE_PLUS"], var.db_edition)
    error_message = "db_edition must be ENTERPRISE or ENTERPRISE_PLUS."
  }
}

variable "db_availability_type" {
  description = "ZONAL, or REGIONAL for a standby in a second zone (production)."
  type        = string
  default     = "ZONAL"

  validation {
    condition     = contains(["ZONAL", "REGIONAL"], var.db_availability_type)
    error_message = "db_availability_type must be ZONAL or REGIONAL."
  }
}

variable "db_disk_size_gb" {
  description = "Initial disk size; it grows automatically."
  type        = number
  default     = 10

  validation {
    condition     = var.db_disk_size_gb >= 10
    error_message = "db_disk_size_gb must be at least 10."
  }
}

variable "db_max_connections" {
  description = "The max_connections database flag. Must cover the connection budget (see the arithmetic above)."
  type        = number
  default     = 100

  validation {
    condition     = var.db_max_connections >= 25 && var.db_max_connections <= 10000
    error_message = "db_max_connections must be 25-10000."
  }
}

variable "db_connection_margin" {
  description = "Connections kept out of the budget: Cloud SQL's reserved superuser connections, an operator's psql, overlap while a revision drains."
  type        = number
  default     = 10

  validation {
    condition     = var.db_connection_margin >= 5
    error_message = "db_connection_margin must be at least 5 (PostgreSQL and Cloud SQL reserve some connections)."
  }
}

variable "db_backup_start_time" {
  description = "Start of the daily backup window, HH:MM UTC."
  type        = string
  default     = "03:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]$", var.db_backup_start_time))
    error_message = "db_backup_start_time must be HH:MM."
  }
}

variable "db_retained_backups" {
  description = "Daily backups kept."
  type        = number
  default     = 14

  validation {
    condition     = var.db_retained_backups >= 1 && var.db_retained_backups <= 365
    error_message = "db_retained_backups must be 1-365."
  }
}

variable "db_log_retention_days" {
  description = "Days of write-ahead log kept for point-in-time recovery."
  type        = number
  default     = 7

  validation {
    condition     = var.db_log_retention_days >= 1 && var.db_log_retention_days <= 7
    error_message = "db_log_retention_days must be 1-7 (Enterprise edition's limit)."
  }
}

variable "private_network" {
  description = <<-EOT
    Optional: self link of a VPC network (projects/P/global/networks/N) that already has private
    services access. Set, the instance gets a private IP and no public IP, the services and the job
    reach it through Direct VPC egress (private_subnetwork) and DB_IP_TYPE becomes PRIVATE. Unset
    (default), the instance has a public IP with no authorized networks: only the Cloud SQL
    connector, authenticated by IAM, can reach it.
  EOT
  type        = string
  default     = null

  validation {
    condition     = var.private_network == null || can(regex("^projects/[^/]+/global/networks/[^/]+$", var.private_network))
    error_message = "private_network must look like projects/PROJECT/global/networks/NETWORK."
  }
}

variable "private_subnetwork" {
  description = "With private_network: the subnetwork (projects/P/regions/R/subnetworks/S) Direct VPC egress puts the services in."
  type        = string
  default     = null

  validation {
    condition     = var.private_subnetwork == null || can(regex("^projects/[^/]+/regions/[^/]+/subnetworks/[^/]+$", var.private_subnetwork))
    error_message = "private_subnetwork must look like projects/PROJECT/regions/REGION/subnetworks/SUBNET."
  }
}
