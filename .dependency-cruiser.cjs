// The layers of docs/architecture.md, checked on every `npm run lint`:
//
//   app/, lib/actions        routes, pages, server actions
//   lib/auth                 who is signed in (sessions, sign-in), built on lib/data
//   lib/data                 the only code that queries the database
//   lib/db, lib/kv, lib/storage, lib/crypto, lib/feed, ...   drivers and pure helpers
//
// A layer imports only the layers below it. The command-line tools (lib/cli) and the production
// server (lib/server) sit outside the stack: they run the database's migrations or start the app.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other cannot be understood (or tested) one at a time.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'database-only-through-data',
      severity: 'error',
      comment: 'Only lib/data queries the database: routes and auth ask lib/data instead of lib/db.',
      from: { path: '^(app|lib)/', pathNot: '^lib/(data/|db/|cli/|server/|server-start)' },
      to: { path: '^lib/db/' },
    },
    {
      name: 'data-below-auth-and-routes',
      severity: 'error',
      comment: 'lib/data serves auth and routes; it never calls up into them.',
      from: { path: '^lib/data/' },
      to: { path: '^(app|lib/(auth|actions|http|server|cli|proxy))/' },
    },
    {
      name: 'auth-below-routes',
      severity: 'error',
      comment: 'lib/auth serves routes and actions; it never imports them.',
      from: { path: '^lib/auth/' },
      to: { path: '^(app|lib/(actions|server|cli))/' },
    },
    {
      name: 'drivers-stay-drivers',
      severity: 'error',
      comment: 'Drivers and pure helpers know nothing of the data, auth or route layers above them.',
      from: { path: '^lib/(db|kv|storage|crypto|feed)/' },
      to: { path: '^(app|lib/(data|auth|actions|http|server|cache|media))/' },
    },
    {
      name: 'lib-never-imports-app',
      severity: 'error',
      comment: 'app/ is the top: lib/ code must not depend on a route.',
      from: { path: '^lib/' },
      to: { path: '^app/' },
    },
    {
      name: 'shared-components-not-route-actions',
      severity: 'error',
      comment: "Shared components use lib/actions, not one route's actions.",
      from: { path: '^app/.*_components/' },
      to: { path: '/actions[.]ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^lib/db/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
}
