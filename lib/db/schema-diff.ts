// Offline schema diffs with Prisma's own schema engine, compiled to WebAssembly, running against
// in-process PGlite databases. Development tooling only (the next migration's SQL, and the drift
// test); the app never loads it. Why: Prisma 7's CLI needs a native engine it downloads from the
// web, which our machines cannot reach. See docs/migrations.md.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import { readMigrations, MIGRATIONS_DIR } from './migrations'

const require = createRequire(import.meta.url)
export const SCHEMA_PATH = path.resolve(process.cwd(), 'prisma/schema.prisma')

type SchemaFile = { path: string; content: string }
type DiffTarget =
  | { tag: 'empty' }
  | { tag: 'schemaDatamodel'; files: SchemaFile[] }
  | { tag: 'schemaDatasource'; files: SchemaFile[]; configDir: string }
  | ({ tag: 'migrations' } & MigrationList)
type MigrationList = {
  baseDir: string
  lockfile: { path: string; content: string | null }
  shadowDbInitScript: string
  migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: 'ok'; value: string } } }[]
}
type Engine = {
  diff(input: {
    from: DiffTarget
    to: DiffTarget
    script: boolean
    exitCode: boolean | null
    filters: { externalTables: string[]; externalEnums: string[] }
  }): Promise<{ exitCode: number; stdout: string | null }>
}

let engineModule: Promise<{ SchemaEngine: { new: (...args: unknown[]) => Promise<Engine> } }> | undefined

// The JavaScript glue comes from @prisma/schema-engine-wasm; the WebAssembly from the prisma CLI
// package, so the engine is exactly the one our CLI version would download.
function loadEngineModule() {
  engineModule ??= (async () => {
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    const glue = (await import(pathToFileURL(gluePath).href)) as Record<string, unknown> & {
      __wbg_set_wasm(exports: unknown): void
    }
    const wasmPath = path.join(path.dirname(require.resolve('prisma/package.json')), 'build/schema_engine_bg.wasm')
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': glue,
    } as unknown as WebAssembly.Imports)
    glue.__wbg_set_wasm(instance.exports)
    ;(instance.exports as { __wbindgen_start(): void }).__wbindgen_start()
    return glue as unknown as { SchemaEngine: { new: (...args: unknown[]) => Promise<Engine> } }
  })()
  return engineModule
}

// pglite-prisma-adapter 0.7.2 does not wait for a migration script to finish (and so loses its
// errors); run the whole script as one exec instead, as Prisma's native engine does.
function wholeScripts(
  db: PGlite,
  factory: SqlMigrationAwareDriverAdapterFactory['connect'],
): SqlMigrationAwareDriverAdapterFactory['connect'] {
  return async () => {
    const adapter = await factory()
    adapter.executeScript = async (script: string) => {
      await db.exec(script)
    }
    return adapter
  }
}

/** An adapter factory on `db`, with a fresh in-memory shadow database for every shadow connection. */
function pgliteFactory(db: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const main = new PrismaPGlite(db)
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: wholeScripts(db, () => main.connect()),
    connectToShadowDb: async () => {
      const shadow = new PGlite()
      return wholeScripts(shadow, () => new PrismaPGlite(shadow).connect())()
    },
  } as SqlMigrationAwareDriverAdapterFactory
}

async function schemaFiles(schemaPath = SCHEMA_PATH): Promise<SchemaFile[]> {
  return [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }]
}

async function migrationList(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const lockPath = path.join(dir, 'migration_lock.toml')
  return {
    baseDir: dir,
    lockfile: { path: lockPath, content: await readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: (await readMigrations(dir).catch(() => [])).map((migration) => ({
      path: migration.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: migration.sql } },
    })),
  }
}

async function diff(db: PGlite, files: SchemaFile[], from: DiffTarget, to: DiffTarget): Promise<string> {
  const { SchemaEngine } = await loadEngineModule()
  const engine = await SchemaEngine.new(
    { datamodels: files.map((file) => [file.path, file.content]) },
    () => {},
    bindMigrationAwareSqlAdapterFactory(pgliteFactory(db)),
  )
  const result = await engine.diff({
    from,
    to,
    script: true,
    exitCode: true,
    filters: { externalTables: [], externalEnums: [] },
  })
  // exitCode 0: no difference, 2: a difference (the script), anything else: an error.
  if (result.exitCode === 0) return ''
  if (result.exitCode !== 2) throw new Error(`Prisma schema engine failed: ${result.stdout ?? ''}`)
  return result.stdout ?? ''
}

/** SQL that brings a database migrated with every migration in prisma/migrations to the schema. */
export async function sqlForNextMigration(
  options: { schemaPath?: string; migrationsDir?: string } = {},
): Promise<string> {
  const files = await schemaFiles(options.schemaPath)
  const db = new PGlite()
  try {
    return await diff(
      db,
      files,
      { tag: 'migrations', ...(await migrationList(options.migrationsDir)) },
      { tag: 'schemaDatamodel', files },
    )
  } finally {
    await db.close()
  }
}

/** SQL that would make the live database `db` match the schema: empty when they agree. */
export async function driftBetweenDatabaseAndSchema(db: PGlite, schemaPath?: string): Promise<string> {
  const files = await schemaFiles(schemaPath)
  return diff(
    db,
    files,
    { tag: 'schemaDatasource', files, configDir: path.dirname(files[0]!.path) },
    { tag: 'schemaDatamodel', files },
  )
}
