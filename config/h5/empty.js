// Stands in for polyfills the H5 build's browsers have natively (fetch, AbortController): see
// config/h5/index.js. Nothing to do.
