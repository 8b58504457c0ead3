// One jest config, one project per test layer (see DESIGN.md "tests/"). scripts/test.mjs runs
// them in order: unit + app first, server once per database, then weapp and e2e on fresh builds.
// A few server dependencies ship ESM only; Node 20.19+ loads them with require(), jest does not,
// so babel turns them into CommonJS for the tests.
const ESM_ONLY = ['content-disposition', 'kysely', 'cookie', 'codec-parser']
// ESM-only packages the H5 Taro runtime and components pull in (jsdom 'app' project only).
const APP_ESM = ['@tarojs', '@stencil', 'lodash-es', 'query-string', 'decode-uri-component', 'split-on-first', 'filter-obj', 'swiper', 'ssr-window', 'dom7', 'nanoid', 'style-inject', 'tslib', '\\.pnpm']
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`]

const nodeBabel = [
  'babel-jest',
  {
    configFile: false,
    babelrc: false,
    presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
  },
]

const appBabel = [
  'babel-jest',
  {
    configFile: false,
    babelrc: false,
    presets: [
      ['@babel/preset-env', { targets: { node: 'current' } }],
      ['@babel/preset-react', { runtime: 'automatic' }],
      '@babel/preset-typescript',
    ],
    // As in a Taro H5 build (plugin-platform-h5): `Taro.request(...)` becomes a named import of the H5 API.
    plugins: [
      [
        'babel-plugin-transform-taroapi',
        { packageName: '@tarojs/taro', definition: require('@tarojs/plugin-platform-h5/dist/definition.json') },
      ],
    ],
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
      transformIgnorePatterns,
    },
    {
      // Components rendered in jsdom: '@tarojs/components' is the handful of H5 React components from
      // @tarojs/components-react that src/ uses (tests/app/taro-components.ts), '@tarojs/taro' is the
      // real H5 implementation (@tarojs/taro-h5, as an H5 build wires it); tests answer its fetch()
      // like the server would (tests/app/fake-server.ts).
      displayName: 'app',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/app/**/*.test.tsx'],
      transform: { '\\.m?[jt]sx?$': appBabel },
      transformIgnorePatterns: [`/node_modules/(?!(${[...ESM_ONLY, ...APP_ESM].join('|')})/)`],
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/tests/app/taro-components.ts',
        // What plugin-platform-h5 aliases '@tarojs/taro' to in an H5 build.
        '^@tarojs/taro$': '<rootDir>/node_modules/@tarojs/plugin-platform-h5/dist/runtime/apis/index.js',
        '\\.(css|scss|sass)$': '<rootDir>/tests/app/style-stub.ts',
      },
      setupFiles: ['<rootDir>/tests/app/setup.ts'],
      // Taro's compile-time constants (DefinePlugin in a real build).
      globals: {
        ENABLE_INNER_HTML: true,
        ENABLE_ADJACENT_HTML: true,
        ENABLE_SIZE_APIS: true,
        ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_CLONE_NODE: true,
        ENABLE_CONTAINS: true,
        ENABLE_MUTATION_OBSERVER: true,
        DEPRECATED_ADAPTER_COMPONENT: false,
        __TARO_FRAMEWORK__: 'react',
      },
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/server/**/*.test.ts'],
      // A file's set-up (a database, the emulator, the demo world signed in) takes about a second
      // on a quiet machine and several on a loaded 2-core one; 5 s made them fail for the load alone.
      testTimeout: 30_000,
      transform: { '\\.[jt]sx?$': nodeBabel },
      transformIgnorePatterns,
    },
    {
      // The compiled server (dist/server) in processes of its own on a PostgreSQL cluster of the
      // test's own: database restarts, several instances, kill -9. PostgreSQL only.
      displayName: 'ops',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/ops/**/*.test.ts'],
      transform: { '\\.[jt]sx?$': nodeBabel },
      transformIgnorePatterns,
    },
    {
      // miniprogram-simulate on the real dist/weapp build, plus WeChat's own wcc/wcsc compilers.
      displayName: 'weapp',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
      transform: { '\\.[jt]sx?$': nodeBabel },
      transformIgnorePatterns,
    },
    {
      // Debian's Chromium on the dist/h5 build against a real server (SQLite + the WeChat emulator).
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      transform: { '\\.[jt]sx?$': nodeBabel },
      transformIgnorePatterns,
    },
  ],
}
