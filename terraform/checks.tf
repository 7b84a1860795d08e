# Rules that involve more than one variable, checked at plan time. Only variables and the built-in
# terraform_data here (no provider), so test/deploy/terraform.test.ts can run `terraform plan` on
# this file and variables.tf alone, offline.

locals {
  private_ip = var.private_network != null

  # The connection budget (arithmetic in variables.tf): what every process may hold at once when
  # everything is scaled out, plus the margin Cloud SQL and operators need.
  connection_budget = {
    parse   = var.parse_max_instances * var.parse_db_pool_max
    upload  = var.upload_max_instances * var.upload_db_pool_max
    reparse = var.reparse_max_instances * var.reparse_db_pool_max
    migrate = var.migrate_db_pool_max
    margin  = var.db_connection_margin
  }
  connection_budget_total = sum(values(local.connection_budget))
}

resource "terraform_data" "plan_checks" {
  input = local.connection_budget

  lifecycle {
    precondition {
      condition     = local.connection_budget_total <= var.db_max_connections
      error_message = "Connection budget exceeded: ${join(" + ", [for k, v in local.connection_budget : "${k} ${v}"])} = ${local.connection_budget_total} > db_max_connections ${var.db_max_connections}. Lower max instances or pool sizes, or raise db_max_connections (and the tier)."
    }
    precondition {
      condition     = var.parse_min_instances <= var.parse_max_instances && var.upload_min_instances <= var.upload_max_instances
      error_message = "A service's min instances exceed its max instances."
    }
    precondition {
      condition     = var.push_min_backoff_seconds <= var.push_max_backoff_seconds
      error_message = "push_min_backoff_seconds must not exceed push_max_backoff_seconds."
    }
    precondition {
      condition     = (var.private_network == null) == (var.private_subnetwork == null)
      error_message = "Set private_network and private_subnetwork together (private IP), or neither (public IP, connector only)."
    }
  }
}
