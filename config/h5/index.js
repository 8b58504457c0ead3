// The H5 build's diet, for phones on 2G/3G: the app is usable only once its scripts arrive, and at
// 400 kbit/s every 10 KB is 0.2 s (bench/first-screen.mjs measures it). What the mini program
// builds is untouched: config/index.ts calls these for H5 only.
const path = require('node:path')

// The browsers the H5 site is built for: WeChat's in-app browser (XWeb, Chromium-based) and the
// phones' and PCs' own browsers of the last years. Each of these has fetch, AbortController,
// Promise, async functions and classes, so Babel leaves them as written (no regenerator runtime),
// and Taro's fetch / AbortController polyfills are left out. Older browsers use the mini program.
const H5_TARGETS = { chrome: '66', android: '66', edge: '79', firefox: '68', safari: '12.2', ios: '12.2', samsung: '9' }

/** Module aliases: polyfills the targets do not need, and Taro's JSONP helper the app never uses. */
function aliasUnneeded(chain) {
  const empty = path.join(__dirname, 'empty.js')
  chain.resolve.alias
    .set('whatwg-fetch$', empty)
    .set('abortcontroller-polyfill/dist/abortcontroller-polyfill-only$', empty)
    .set('jsonp-retry$', path.join(__dirname, 'no-jsonp.js'))
}

// The home page (the route with no hash, or #/pages/index/index) is where most visits start. Taro
// loads its code only after the app's own scripts have arrived and run: one more round trip and a
// queue of files on a slow link. The page's files, and its first request (the 3 latest articles,
// src/pages/index: fetchArticles(undefined, 3)), are asked for at once instead, beside the app's
// scripts, by a small script in index.html (only on the home route: a shared article's link
// fetches nothing it does not show). The browser hands them to the app when it asks (preload).
const HOME_MODULE = /[\\/]src[\\/]pages[\\/]index[\\/]index\.tsx$/
const HOME_ROUTE = '/^#\\/?(pages\\/index\\/index)?([?]|$)/'

class HomePreload {
  constructor({ publicPath, apiBase }) {
    this.publicPath = publicPath
    this.apiBase = apiBase
  }

  /** The JS and CSS files of the async chunk group that holds the home page. */
  homeFiles(compilation) {
    const files = new Set()
    for (const group of compilation.chunkGroups) {
      if (group.isInitial()) continue
      const holdsHome = group.chunks.some((chunk) =>
        [...compilation.chunkGraph.getChunkModulesIterable(chunk)].some((m) => HOME_MODULE.test(m.resource ?? m.rootModule?.resource ?? '')),
      )
      if (!holdsHome) continue
      for (const chunk of group.chunks) for (const f of chunk.files) if (/\.(js|css)$/.test(f)) files.add(this.publicPath + f)
    }
    return [...files]
  }

  apply(compiler) {
    // The copy Taro's runner uses (its hooks are per copy), found from the runner, not from us.
    const HtmlWebpackPlugin = require(require.resolve('html-webpack-plugin', { paths: [require.resolve('@tarojs/webpack5-runner')] }))
    compiler.hooks.compilation.tap('HomePreload', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('HomePreload', (data) => {
        const files = this.homeFiles(compilation)
        if (!files.length) throw new Error('HomePreload: no chunk holds src/pages/index/index.tsx')
        const api = `${this.apiBase}/api/news?limit=3`
        const script =
          `(function(d,h){if(h&&!${HOME_ROUTE}.test(h))return;` +
          `function p(u,a,c){var l=d.createElement('link');l.rel='preload';l.as=a;l.href=u;if(c)l.crossOrigin='anonymous';d.head.appendChild(l)}` +
          `${JSON.stringify(files)}.forEach(function(u){p(u,/\\.css$/.test(u)?'style':'script')});` +
          `p(${JSON.stringify(api)},'fetch',1)})(document,location.hash)`
        // First in <head>'s scripts: the requests start while the HTML is still being read.
        data.headTags.unshift(HtmlWebpackPlugin.createHtmlTagObject('script', {}, script))
        return data
      })
    })
  }
}

/** Writes each chunk's files and modules with their sizes (before minifying) as JSON: H5_STATS=/tmp/stats.json. */
class StatsFile {
  constructor(file) {
    this.file = file
  }

  apply(compiler) {
    compiler.hooks.done.tap('StatsFile', ({ compilation }) => {
      const chunks = [...compilation.chunks].map((chunk) => ({
        id: chunk.id,
        name: chunk.name ?? null,
        files: [...chunk.files],
        initial: chunk.canBeInitial(),
        modules: compilation.chunkGraph
          .getChunkModules(chunk)
          .flatMap((m) => (m.modules ? [...m.modules] : [m]))
          .map((m) => ({ name: m.readableIdentifier(compilation.requestShortener), size: m.size() })),
      }))
      require('node:fs').writeFileSync(this.file, JSON.stringify({ chunks }))
    })
  }
}

module.exports = { H5_TARGETS, aliasUnneeded, HomePreload, StatsFile }
