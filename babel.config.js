// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// H5 is built with Preact (config/index.ts `framework`), the mini program with React: the JSX pragma
// follows the framework. Preact's dev refresh (prefresh) is not installed: H5 dev builds reload
// instead (config h5.devServer.hot is off too). H5 is compiled for the browsers in config/h5
// (H5_TARGETS: async functions, classes and fetch are native there; 7 KB less brotli'd script on the
// home page than Taro's default targets); the mini program keeps Taro's defaults (iOS 9, Android 5).
const h5 = process.env.TARO_ENV === 'h5'
const { H5_TARGETS } = require('./config/h5')

module.exports = {
  presets: [['taro', { framework: h5 ? 'preact' : 'react', ts: true, compiler: 'webpack5', ...(h5 ? { hot: false, targets: H5_TARGETS } : {}) }]],
}
