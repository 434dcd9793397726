// Prisma CLI settings (Prisma 7 reads the datasource URL from here, not from schema.prisma).
// `prisma migrate deploy` on Heroku/Vercel uses DATABASE_URL; locally the project applies the
// same migration files itself (npm run db:migrate, lib/db/migrate.ts), also on embedded PGlite.
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
  },
  datasource: {
    url: process.env.DATABASE_URL ?? '',
  },
})
