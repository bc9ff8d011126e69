// The boundaries of the house. `npm run lint` checks them with everything else (eslint.config.mjs
// spreads them in); `npm test` checks them alone, without type information so it stays quick:
// `eslint -c eslint.boundaries.mjs .`
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';

/**
 * The direction of the house: each lib may import the libs of the layers to its left, never one of
 * its own layer or to its right. `common` is the pure package the server and the web app share.
 * The order is the one the code follows: audit sits under identity and reference (they write
 * events), notifications right above them (it resolves recipients through identity's views, and
 * every lib from proposals up notifies through it), and finance under review (a decision records
 * its allocations through finance).
 */
const LAYERS = [
  ['common'],
  ['platform'],
  ['audit'],
  ['identity', 'reference'],
  ['notifications'],
  ['proposals'],
  ['finance'],
  ['review'],
  ['results'],
  ['programmes'],
  ['reporting'],
];
const layerOf = (lib) => LAYERS.findIndex((layer) => layer.includes(lib));
const LIBS = LAYERS.flat();
const lib = (name) => ({ element: { type: 'lib', captured: { lib: name } } });

/** Each lib: the libs of its own layer and above it (but itself) are out of reach. */
const upwardImports = LIBS.filter((name) => layerOf(name) < LAYERS.length - 1).map((name) => ({
  from: lib(name),
  disallow: {
    to: LIBS.filter((other) => other !== name && layerOf(other) >= layerOf(name)).map(lib),
  },
  message: `${name} may import only the libs below it (${LAYERS.map((layer) => layer.join(', ')).join(' ← ')})`,
}));

/**
 * A lib's public face is its src/index.ts (imported as @mptf/<lib>); the files behind it are its own.
 * The platform has a second, light one for `npm start`'s launcher: src/launcher.ts
 * (@mptf/platform/launcher, no Nest, TypeORM or BullMQ behind it).
 */
const PUBLIC_FACES = { platform: '!src/{index,launcher}.ts' };
const deepImports = LIBS.map((name) => ({
  from: [
    { element: { type: 'lib', captured: { lib: `!${name}` } } },
    { element: { type: 'app' } },
    { element: { type: 'tooling' } },
  ],
  disallow: {
    to: {
      element: {
        type: 'lib',
        captured: { lib: name },
        fileInternalPath: PUBLIC_FACES[name] ?? '!src/index.ts',
      },
    },
  },
  message: `import ${name} through its public face (@mptf/${name}, its src/index.ts), not a file inside it`,
}));

const boundaryRules = {
  'boundaries/dependencies': [
    'error',
    {
      default: 'allow',
      policies: [
        ...upwardImports,
        {
          from: { element: { type: 'lib' } },
          disallow: { to: [{ element: { type: 'app' } }, { element: { type: 'tooling' } }] },
          message: 'a lib never imports the apps, tests, seeds or scripts that sit on it',
        },
        {
          from: { element: { type: 'app', captured: { app: 'web' } } },
          disallow: {
            to: [
              { element: { type: 'lib', captured: { lib: '!common' } } },
              { element: { type: 'app', captured: { app: '!web' } } },
              { element: { type: 'tooling' } },
            ],
          },
          message: 'the web app imports no server code but the shared pure package @mptf/common',
        },
        {
          from: [
            { element: { type: 'lib' } },
            { element: { type: 'app', captured: { app: '!web' } } },
            { element: { type: 'tooling' } },
          ],
          disallow: { to: { element: { type: 'app', captured: { app: 'web' } } } },
          message: 'server code never imports the web app',
        },
        ...deepImports,
      ],
    },
  ],
};

export const IGNORES = {
  ignores: [
    'dist/**',
    'node_modules/**',
    'var/**',
    'coverage/**',
    '*.js',
    '*.mjs',
    'scripts/*.mjs',
    'tests/support/*.js',
    'apps/web/scripts/**',
    'apps/web/src/api/schema.d.ts',
  ],
};

/**
 * SQL lives in a lib's repositories (and views in migrations): every other file of the server holds
 * rules and orchestration only. A file may hold SQL when its name says it does: a repository
 * (`*.repository.ts`), what a lib reads or writes for the libs above it (`exports/*.reader.ts`,
 * `*.writer.ts`), a statement or fragment kept on its own (`*.sql.ts`), the row-level conditions
 * of who sees what (`*-access.ts`), and the platform's database layer. These selectors find an SQL
 * text (a keyword in capitals, an `alias.snake_column`, a condition joined by AND/OR) in a string
 * or template, and a call that runs SQL, anywhere else in libs/ and the API's and the worker's
 * code. `npm test` runs them with the boundaries (tests/boundaries proves each one can fail).
 */
const SQL_TEXT =
  '/\\b(SELECT|INSERT INTO|DELETE FROM|UPDATE [a-z_]+ SET|ORDER BY|GROUP BY|WHERE|JOIN|RETURNING|ON CONFLICT|COALESCE|IS (NOT )?NULL|NULLS (FIRST|LAST))\\b|EXISTS \\(|\\b[a-z_]+ (ASC|DESC)\\b|\\s(AND|OR)\\s|\\b[a-z]{1,3}\\.[a-z]+_[a-z_]+\\b/';
const SQL_MESSAGE =
  "no SQL outside a repository: it lives in the lib's *.repository.ts (or *.reader.ts, *.writer.ts, *.sql.ts, *-access.ts, a view its migrations define)";
/** Where SQL may be written: the files whose name says they hold it. */
const SQL_HOMES = [
  '**/*.repository.ts',
  '**/*.reader.ts',
  '**/*.writer.ts',
  '**/*.sql.ts',
  '**/*-access.ts',
  'libs/platform/src/database/**',
];
const noSqlOutsideRepositories = {
  files: ['libs/**/*.ts', 'apps/api/**/*.ts', 'apps/worker/**/*.ts'],
  ignores: ['**/*.spec.ts', ...SQL_HOMES],
  rules: {
    'no-restricted-syntax': [
      'error',
      { selector: `Literal[value=${SQL_TEXT}]`, message: SQL_MESSAGE },
      { selector: `TemplateElement[value.raw=${SQL_TEXT}]`, message: SQL_MESSAGE },
      {
        selector: 'CallExpression[callee.property.name=/^(query|createQueryBuilder)$/]',
        message: `${SQL_MESSAGE} (a .query() or query builder call)`,
      },
      {
        selector: 'CallExpression[callee.name=/^sqlRows?$/]',
        message: `${SQL_MESSAGE} (an sqlRows/sqlRow call)`,
      },
    ],
  },
};

const WEB_ROLE_MESSAGE =
  "the web app decides a view by a permission or the user's scope (useAuth's can / scope), not by a role's name";

/** The element types and the dependency policies between them. */
export const boundariesConfig = [
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { boundaries },
    settings: {
      'import/resolver': {
        typescript: { project: ['tsconfig.json', 'apps/web/tsconfig.json'], noWarnOnMultipleProjects: true },
      },
      'boundaries/elements': [
        { type: 'lib', pattern: 'libs/*', capture: ['lib'] },
        { type: 'app', pattern: 'apps/*', capture: ['app'] },
        { type: 'tooling', pattern: '(migrations|seeds|scripts|tests|bench)' },
      ],
    },
    rules: boundaryRules,
  },
  noSqlOutsideRepositories,
  {
    // The web app's tsconfig resolves no server lib but @mptf/common: say so before the compiler does.
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@mptf/(?!common$)',
              message: 'the web app imports no server code but the shared pure package @mptf/common',
            },
          ],
        },
      ],
      // The web app shows and hides by the session's permissions and scope (useAuth's can and
      // scope), never by a copy of which role may do what: a role's name is only ever displayed.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.object.property.name="roles"][callee.property.name=/^(includes|some|every|indexOf|find|findIndex|filter)$/]',
          message: WEB_ROLE_MESSAGE,
        },
        { selector: 'CallExpression[callee.name="hasRole"]', message: WEB_ROLE_MESSAGE },
      ],
    },
  },
];

export default tseslint.config(
  IGNORES,
  { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
  ...boundariesConfig,
);
