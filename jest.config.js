// One jest config, one project per test layer (see DESIGN.md "tests/"). scripts/test.mjs runs
// them in order: unit + app first, server once per database, then weapp and e2e on fresh builds.
// A few server dependencies ship ESM only; Node 20.19+ loads them with require(), jest does not,
// so babel turns them into CommonJS for the tests.
const ESM_ONLY = ['content-disposition', 'kysely', 'cookie']
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`]

const nodeBabel = [
  'babel-jest',
  {
    configFile: false,
    babelrc: false,
    presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
  },
]

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      transform: { '\\.[jt]sx?$': nodeBabel },
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/server/**/*.test.ts'],
      transform: { '\\.[jt]sx?$': nodeBabel },
      transformIgnorePatterns,
    },
  ],
}
