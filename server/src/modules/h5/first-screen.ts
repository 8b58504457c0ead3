import type { ArticleSummary } from '../../../../common/schemas/news'

// The H5 site's first screen, as plain HTML inside index.html. On Slow 3G the app's scripts take
// seconds to arrive; this shows the home page's hero and latest articles (real links) as soon as
// the HTML does. The app removes it when its first page mounts. A link to any other page (a
// shared article, say) hides it at once, before first paint, so nobody sees the wrong page.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
/** Five characters, no dependency: article titles are the only dynamic text here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c])
}

const STYLE = `#first-screen{min-height:100vh;max-width:750px;margin:0 auto;background:#f4f6f8;color:#1f2d3d;font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif}
.fs-hero{padding:24px 12px 28px;background:linear-gradient(160deg,#0b6bcb,#0a8f6a);color:#fff}
.fs-name{font-size:22px;font-weight:700}.fs-slogan{opacity:.9}
.fs-title{margin:12px 12px 0;font-size:18px;font-weight:600}
.fs-card{display:block;margin:12px;padding:12px;background:#fff;border-radius:8px;color:inherit;text-decoration:none}
.fs-card b{display:block;font-size:18px;line-height:1.4}.fs-card span{color:#5c6b7a}
.deep-link #first-screen{display:none}`

// Runs before the snapshot is parsed: only the home route (no hash, or the home page's) shows it.
const ROUTE_CHECK = `if(location.hash&&!/^#\\/?(pages\\/index\\/index)?([?]|$)/.test(location.hash))document.documentElement.className+=' deep-link'`

export function renderFirstScreen(articles: ArticleSummary[]): string {
  const cards = articles
    .map(
      (a) =>
        `<a class="fs-card" href="#/packages/news/article/index?id=${a.id}"><b>${escapeHtml(a.title)}</b><span>${escapeHtml(a.excerpt)}</span></a>`,
    )
    .join('')
  return (
    `<style>${STYLE}</style><script>${ROUTE_CHECK}</script>` +
    `<div id="first-screen"><div class="fs-hero"><div class="fs-name">天府科技云</div>` +
    `<div class="fs-slogan">四川省科协 · 科技服务直达乡村</div></div>` +
    `<div class="fs-title">最新资讯</div>${cards}</div>`
  )
}

/** Puts the snapshot in front of the app's mount point. */
export function injectFirstScreen(indexHtml: string, snapshot: string): string {
  return indexHtml.replace('<div id="app"></div>', `${snapshot}<div id="app"></div>`)
}
