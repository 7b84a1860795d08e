// Test support (not a test file): terraform/*.tf parsed with @cdktf/hcl2json into something the
// deploy tests can query. Only what can be known without a provider: literal values, variable
// defaults, and references by name.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';

export const TERRAFORM_DIR = join(__dirname, '..', '..', 'terraform');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Block = { [key: string]: Json };

export interface TfResource {
  type: string;
  name: string;
  file: string;
  body: Block;
}

export interface TfVariable {
  name: string;
  body: Block;
  default: Json | undefined;
}

export interface TerraformModel {
  files: { name: string; text: string }[];
  resources: TfResource[];
  variables: Map<string, TfVariable>;
  locals: Map<string, Json>;
  terraform: Block[];
}

export function isBlock(value: Json | undefined): value is Block {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** hcl2json renders every nested block as a list of objects: the list, whatever was there. */
export function blocks(parent: Block | undefined, key: string): Block[] {
  const value = parent?.[key];
  if (Array.isArray(value)) return value.filter(isBlock);
  return isBlock(value) ? [value] : [];
}

/** The one nested block `key` (the first when repeated), or undefined. */
export function block(parent: Block | undefined, key: string): Block | undefined {
  return blocks(parent, key)[0];
}

/** Follows a path of nested blocks, taking the first of each: at(svc, 'template', 'containers'). */
export function at(parent: Block | undefined, ...path: string[]): Block | undefined {
  let current = parent;
  for (const key of path) current = block(current, key);
  return current;
}

/** `${var.x}` -> 'x'; anything else -> undefined. */
export function variableReference(value: Json | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^\$\{var\.([A-Za-z0-9_]+)\}$/.exec(value)?.[1];
}

export async function loadTerraform(dir = TERRAFORM_DIR): Promise<TerraformModel> {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.tf'))
    .sort();
  const model: TerraformModel = { files: [], resources: [], variables: new Map(), locals: new Map(), terraform: [] };
  for (const name of names) {
    const text = readFileSync(join(dir, name), 'utf8');
    model.files.push({ name, text });
    const json = (await parse(name, text)) as Block;
    const resources = json.resource;
    if (isBlock(resources)) {
      for (const [type, byName] of Object.entries(resources)) {
        if (!isBlock(byName)) continue;
        for (const [resourceName, bodies] of Object.entries(byName)) {
          for (const body of Array.isArray(bodies) ? bodies.filter(isBlock) : []) {
            model.resources.push({ type, name: resourceName, file: name, body });
          }
        }
      }
    }
    const variables = json.variable;
    if (isBlock(variables)) {
      for (const [variableName, bodies] of Object.entries(variables)) {
        const body = Array.isArray(bodies) ? bodies.find(isBlock) : undefined;
        if (body) model.variables.set(variableName, { name: variableName, body, default: body.default });
      }
    }
    for (const locals of blocks(json, 'locals')) {
      for (const [key, value] of Object.entries(locals)) model.locals.set(key, value);
    }
    model.terraform.push(...blocks(json, 'terraform'));
  }
  return model;
}

export function resourcesOfType(model: TerraformModel, type: string | RegExp): TfResource[] {
  return model.resources.filter((r) => (typeof type === 'string' ? r.type === type : type.test(r.type)));
}

export function resource(model: TerraformModel, type: string, name: string): TfResource {
  const found = model.resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`terraform: no ${type}.${name}`);
  return found;
}

/** A literal, or a variable reference resolved to the variable's default. */
export function resolved(model: TerraformModel, value: Json | undefined): Json | undefined {
  const variable = variableReference(value);
  return variable === undefined ? value : model.variables.get(variable)?.default;
}

/**
 * The environment a Cloud Run container sets: its literal `env` blocks plus its `dynamic "env"`
 * blocks, whose for_each must be `local.x` or `merge(local.x, local.y, ...)` over literal maps, so
 * that the names are known without evaluating anything. Throws on any other shape.
 */
export function containerEnv(model: TerraformModel, container: Block): Map<string, Json> {
  const env = new Map<string, Json>();
  for (const e of blocks(container, 'env')) {
    if (typeof e.name !== 'string' || e.name.includes('${')) throw new Error(`env name is not a literal: ${e.name}`);
    env.set(e.name, e.value ?? null);
  }
  for (const dynamic of blocks(block(container, 'dynamic'), 'env')) {
    const forEach = dynamic.for_each;
    const match =
      typeof forEach === 'string'
        ? /^\$\{(?:merge\()?(local\.[A-Za-z0-9_]+(?:,\s*local\.[A-Za-z0-9_]+)*)\)?\}$/.exec(forEach)
        : null;
    if (!match?.[1]) throw new Error(`dynamic "env" for_each must merge literal locals, got ${String(forEach)}`);
    for (const ref of match[1].split(',')) {
      const local = model.locals.get(ref.trim().slice('local.'.length));
      if (!isBlock(local)) throw new Error(`${ref.trim()} is not a literal map`);
      for (const [name, value] of Object.entries(local)) env.set(name, value);
    }
  }
  return env;
}
