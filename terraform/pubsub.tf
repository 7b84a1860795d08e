# Uploads and the re-parse fan-out publish to the topic; a push subscription delivers each message
# to the parse function; messages that keep failing land on the dead-letter topic, where a pull
# subscription keeps them for inspection and replay (docs/deploy.md).

resource "google_pubsub_topic" "job_descriptions" {
  name                       = var.topic_name
  message_retention_duration = var.message_retention

  depends_on = [google_project_service.enabled]
}

resource "google_pubsub_topic" "dead_letter" {
  name                       = "${var.topic_name}-dead-letter"
  message_retention_duration = var.message_retention

  depends_on = [google_project_service.enabled]
}

# Keeps the dead letters: without a subscription, messages published to a topic are dropped.
resource "google_pubsub_subscription" "dead_letter" {
  name  = "${var.topic_name}-dead-letter"
  topic = google_pubsub_topic.dead_letter.id

  ack_deadline_seconds       = 60
  message_retention_duration = var.message_retention
  retain_acked_messages      = true

  expiration_policy {
    ttl = "" # never expires, however long nobody pulls
  }
}

resource "google_pubsub_subscription" "parse_push" {
  name  = "${var.topic_name}-parse"
  topic = google_pubsub_topic.job_descriptions.id

  # A push not acknowledged (2xx) within this is redelivered; the parse service's request timeout
  # is the same (functions.tf), so a parse is never cut short while Pub/Sub still waits for it.
  ack_deadline_seconds       = var.push_ack_deadline_seconds
  message_retention_duration = var.message_retention

  push_config {
    # The path the parse entry point serves (ENTRY_POINTS in functions/entry-points.ts; a test
    # checks it). The default wrapper delivers the standard push body {message, subscription}.
    push_endpoint = "${google_cloud_run_v2_service.parse.uri}/pubsub/push"

    # The service is private: Pub/Sub calls it with an ID token for the push account, whose only
    # right is run.invoker on the parse service (functions.tf).
    oidc_token {
      service_account_email = google_service_account.push.email
      audience              = google_cloud_run_v2_service.parse.uri
    }
  }

  retry_policy {
    minimum_backoff = "${var.push_min_backoff_seconds}s"
    maximum_backoff = "${var.push_max_backoff_seconds}s"
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter.id
    max_delivery_attempts = var.max_delivery_attempts
  }

  expiration_policy {
    ttl = ""
  }

  depends_on = [
    google_pubsub_topic_iam_member.pubsub_agent_publishes_dead_letters,
    google_service_account_iam_member.pubsub_agent_mints_push_tokens,
  ]
}

# Dead-lettering: the Pub/Sub service agent forwards an undeliverable message to the dead-letter
# topic, which needs publisher on that topic.
resource "google_pubsub_topic_iam_member" "pubsub_agent_publishes_dead_letters" {
  topic  = google_pubsub_topic.dead_letter.id
  role   = "roles/pubsub.publisher"
  member = local.pubsub_service_agent

  depends_on = [google_project_service.enabled]
}

# Dead-lettering: the service agent must also be a subscriber on the source subscription to
# acknowledge the message it forwarded.
resource "google_pubsub_subscription_iam_member" "pubsub_agent_acks_forwarded" {
  subscription = google_pubsub_subscription.parse_push.id
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_service_agent
}

# The upload function publishes each accepted document for parsing (PUBSUB_TOPIC).
resource "google_pubsub_topic_iam_member" "upload_publishes" {
  topic  = google_pubsub_topic.job_descriptions.id
  role   = "roles/pubsub.publisher"
  member = google_service_account.runtime["upload"].member
}

# The re-parse function fans out: one message per document whose parse is older than the parser.
resource "google_pubsub_topic_iam_member" "reparse_publishes" {
  topic  = google_pubsub_topic.job_descriptions.id
  role   = "roles/pubsub.publisher"
  member = google_service_account.runtime["reparse"].member
}
