import path from 'node:path'
import zlib from 'node:zlib'
import CompressionPlugin from 'compression-webpack-plugin'
import type { UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { aliasUnneeded, HomePreload, StatsFile } from './h5'

// @tarojs/binding only ships for linux-x64-gnu, and importing @tarojs/cli's runtime loads it:
// import the types only and define defineConfig here so `taro build` also works on macOS/Windows.
const defineConfig = (config: UserConfigExport<'webpack5'>) => config

// common/ (schemas, enums, error codes shared with the server) lives outside src/ and must be
// compiled by Taro's babel loader too.
const COMMON_DIR = path.resolve(__dirname, '..', 'common')

export default defineConfig(async (merge, { mode }) => {
  const base = {
    projectName: 'tianfu-kejiyun',
    date: '2026-11-27',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // TARO_OUT_DIR lets engineers sharing one work tree build side by side (tests read WEAPP_DIST / H5_DIST).
    outputRoot: process.env.TARO_OUT_DIR ?? `dist/${process.env.TARO_ENV}`,
    // aria-role / aria-label on the mini program's views (config/weapp-aria-plugin.js).
    plugins: [path.resolve(__dirname, 'weapp-aria-plugin.js')],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    // H5 renders with Preact (preact/compat stands in for react and react-dom: the same components, ~35 KB
    // less brotli'd script before the app can be used on 2G/3G); the mini program keeps React, whose
    // reconciler Taro's mini runtime is built and tested against. babel.config.js follows the same switch.
    framework: (process.env.TARO_ENV === 'h5' ? 'preact' : 'react') as 'react' | 'preact',
    compiler: { type: 'webpack5' as const, prebundle: { enable: false } },
    // Webpack's filesystem cache cuts rebuilds by ~70% on this 2-core machine. TARO_CACHE=0 turns it off: it can
    // serve a stale module when a file changes during a build (several people editing one tree).
    cache: { enable: process.env.TARO_CACHE !== '0' },
    alias: {},
    mini: {
      compile: { include: [COMMON_DIR] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      // Shared code used by several subpackages stays out of the main package.
      optimizeMainPackage: { enable: true },
    },
    h5: {
      compile: { include: [COMMON_DIR] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' as const },
      // Preact's hot refresh (@prefresh/webpack) is not installed: a dev build reloads the page instead.
      devServer: { hot: false },
      // Pre-compressed copies (brotli and gzip) beside every script and stylesheet: the server
      // sends them as they are (@fastify/static preCompressed), saving ~65% of the bytes a phone
      // on 2G/3G waits for without spending CPU per request.
      webpackChain(chain: any) {
        // Taro splits only initial chunks, so every page chunk carried its own copy of the H5
        // components and of our services (~70 KB each): pages share one copy instead. The shared
        // code is split per group of pages that use it (not one named chunk), so the home page
        // does not download the publish form's code.
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              'page-shared': { chunks: 'async', minChunks: 2, minSize: 10000, priority: 50, reuseExistingChunk: true },
              'taro-components': {
                test: /[\\/]node_modules[\\/]@tarojs[\\/]components[\\/]/,
                chunks: 'async',
                name: 'taro-components',
                priority: 200,
                enforce: true,
              },
            },
          },
        })
        aliasUnneeded(chain)
        if (process.env.NODE_ENV === 'production') {
          chain.plugin('home-preload').use(HomePreload, [{ publicPath: '/', apiBase: process.env.TARO_APP_API_BASE ?? '' }])
        }
        // H5_STATS=file writes each chunk's modules and sizes: what the first page loads, and why.
        if (process.env.H5_STATS) chain.plugin('stats').use(StatsFile, [process.env.H5_STATS])
        if (process.env.NODE_ENV !== 'production') return
        const test = /\.(js|css|svg)$/
        chain.plugin('brotli').use(CompressionPlugin, [
          { filename: '[path][base].br', algorithm: 'brotliCompress', test, threshold: 1024, minRatio: 0.9,
            compressionOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } } },
        ])
        chain.plugin('gzip').use(CompressionPlugin, [{ filename: '[path][base].gz', algorithm: 'gzip', test, threshold: 1024, minRatio: 0.9 }])
      },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development' || mode === 'development') return merge({}, base, devConfig)
  return merge({}, base, prodConfig)
})
