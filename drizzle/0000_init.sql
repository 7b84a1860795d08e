CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"content_hash" text NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"version" integer NOT NULL,
	"is_latest" boolean DEFAULT true NOT NULL,
	"content_type" text NOT NULL,
	"raw_text" text NOT NULL,
	"byte_size" integer NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_content_hash_key" UNIQUE("content_hash")
);
--> statement-breakpoint
CREATE TABLE "parses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"parser_version" text NOT NULL,
	"status" text NOT NULL,
	"is_current" boolean DEFAULT false NOT NULL,
	"result" jsonb,
	"parsed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processed_deliveries" (
	"message_id" text PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rejections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"message_id" text,
	"raw_payload" "bytea",
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requirement_skills" (
	"skill_id" bigint NOT NULL,
	"requirement_id" bigint NOT NULL,
	CONSTRAINT "requirement_skills_pkey" PRIMARY KEY("skill_id","requirement_id")
);
--> statement-breakpoint
CREATE TABLE "requirements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"parse_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"section" text,
	"required" boolean NOT NULL,
	"category" text NOT NULL,
	"years_min" smallint,
	"years_max" smallint
);
--> statement-breakpoint
CREATE TABLE "responsibilities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"parse_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"section" text
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "skills_name_key" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "parses" ADD CONSTRAINT "parses_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processed_deliveries" ADD CONSTRAINT "processed_deliveries_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_skills" ADD CONSTRAINT "requirement_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_skills" ADD CONSTRAINT "requirement_skills_requirement_id_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."requirements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirements" ADD CONSTRAINT "requirements_parse_id_parses_id_fk" FOREIGN KEY ("parse_id") REFERENCES "public"."parses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibilities" ADD CONSTRAINT "responsibilities_parse_id_parses_id_fk" FOREIGN KEY ("parse_id") REFERENCES "public"."parses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_external_version_key" ON "documents" USING btree ("source","external_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_latest_key" ON "documents" USING btree ("source","external_id") WHERE "documents"."is_latest";--> statement-breakpoint
CREATE UNIQUE INDEX "parses_document_version_key" ON "parses" USING btree ("document_id","parser_version");--> statement-breakpoint
CREATE UNIQUE INDEX "parses_current_key" ON "parses" USING btree ("document_id") WHERE "parses"."is_current";--> statement-breakpoint
CREATE INDEX "parses_current_version_idx" ON "parses" USING btree ("parser_version","document_id") WHERE "parses"."is_current";--> statement-breakpoint
CREATE INDEX "rejections_received_idx" ON "rejections" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "requirement_skills_requirement_idx" ON "requirement_skills" USING btree ("requirement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "requirements_parse_position_key" ON "requirements" USING btree ("parse_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "responsibilities_parse_position_key" ON "responsibilities" USING btree ("parse_id","position");