import type { ComponentProps } from "react";
import Markdown, { defaultUrlTransform, type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { isBlankText } from "@/lib/text";

const LINK_PROTOCOLS = /^(https?:|mailto:)/i;

/**
 * Only http(s) and mailto links; everything else (javascript:, data:,
 * relative paths) loses its address. react-markdown's own transform runs
 * first, so its protections stay.
 */
export function safeUrl(url: string, key: string): string {
  const safe = defaultUrlTransform(url);
  if (key === "src") return /^https:/i.test(safe) ? safe : "";
  return LINK_PROTOCOLS.test(safe) ? safe : "";
}

function Link({
  href,
  children,
  node: _node,
  ...rest
}: ComponentProps<"a"> & { node?: unknown }) {
  if (!href) return <span>{children}</span>;
  const external = /^https?:/i.test(href);
  return (
    <a
      {...rest}
      href={href}
      {...(external ? { target: "_blank", rel: "noopener noreferrer" } : {})}
    >
      {children}
    </a>
  );
}

function Image({
  src,
  alt,
  node: _node,
  ...rest
}: ComponentProps<"img"> & { node?: unknown }) {
  if (typeof src !== "string" || !src) return alt ? <span>[{alt}]</span> : null;
  return (
    <img
      {...rest}
      src={src}
      alt={alt ?? ""}
      loading="lazy"
      referrerPolicy="no-referrer"
    />
  );
}

const COMPONENTS: Components = { a: Link, img: Image };

/**
 * A note's markdown as HTML, safely: raw HTML in the text stays text (no
 * rehype-raw), so no script or event handler can run; links are limited to
 * http(s) and mailto and open in a new tab; images only over https.
 * Loaded on demand, the first time a note's Preview is opened.
 */
export default function MarkdownPreview({ text }: { text: string }) {
  return (
    <div
      dir="auto"
      className="note-markdown min-h-24 rounded-md border border-slate-200 px-4 py-3 break-words dark:border-slate-800"
    >
      {isBlankText(text) ? (
        <p className="text-slate-600 dark:text-slate-400">
          Nothing to preview.
        </p>
      ) : (
        <Markdown
          remarkPlugins={[remarkGfm]}
          urlTransform={safeUrl}
          components={COMPONENTS}
        >
          {text}
        </Markdown>
      )}
    </div>
  );
}
