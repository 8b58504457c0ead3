// Stands in for jsonp-retry, which Taro's H5 request bundles for its `jsonp` option. The app never
// asks for JSONP (services/http.ts is the only caller of Taro.request): say so if that changes.
module.exports = function jsonpUnavailable() {
  return Promise.reject(new Error('JSONP is not built into this H5 app (config/h5/no-jsonp.js)'))
}
