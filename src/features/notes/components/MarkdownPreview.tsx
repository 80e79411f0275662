import { Image as ImageIcon } from "lucide-react";
import { useRef, useState, type ComponentProps } from "react";
import Markdown, { defaultUrlTransform, type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { Link as RouterLink } from "wouter";
import { UserText } from "@/components/ui/UserText";
import { appPathOf } from "@/config/paths";
import { isBlankText } from "@/lib/text";
import { labelTaskCheckboxes } from "../labelTaskCheckboxes";

const LINK_PROTOCOLS = /^(https?:|mailto:)/i;

/**
 * Only http(s) and mailto links, and links to the app's own pages (a day,
 * Pinned); everything else (javascript:, data:, `//host`, other paths)
 * loses its address. react-markdown's own transform runs first, so its
 * protections stay.
 */
export function safeUrl(url: string, key: string): string {
  const safe = defaultUrlTransform(url);
  if (key === "src") return /^https:/i.test(safe) ? safe : "";
  if (appPathOf(safe)) return safe;
  return LINK_PROTOCOLS.test(safe) ? safe : "";
}

function Link({
  href,
  children,
  node: _node,
  ...rest
}: ComponentProps<"a"> & { node?: unknown }) {
  if (!href) return <span>{children}</span>;
  // The app's own pages open in place, through the router: no page load.
  const appPath = appPathOf(href);
  if (appPath) {
    return (
      <RouterLink {...rest} href={appPath}>
        {children}
      </RouterLink>
    );
  }
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

/** The host an image would be fetched from, as the button names it. */
function hostOf(src: string): string {
  try {
    return new URL(src).host;
  } catch {
    return src;
  }
}

/**
 * A remote image loads only when asked ("Show image from example.com"), so
 * opening a note never tells another server that it was read. Focus moves
 * to the image that replaces the button.
 */
function Image({
  src,
  alt,
  node: _node,
  ...rest
}: ComponentProps<"img"> & { node?: unknown }) {
  const [shown, setShown] = useState(false);
  // Focus goes to the image once, when the click that asked for it shows it.
  const focusWhenShown = useRef(false);
  if (typeof src !== "string" || !src) return alt ? <span>[{alt}]</span> : null;
  if (!shown) {
    return (
      <span className="inline-flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={(event) => {
            // Inside a link, the click shows the image and goes nowhere.
            event.preventDefault();
            focusWhenShown.current = true;
            setShown(true);
          }}
          className="inline-flex min-h-10 items-center gap-2 rounded-md border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 sm:min-h-8 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          <ImageIcon aria-hidden className="size-4" />
          Show image from {hostOf(src)}
        </button>
        {alt ? <UserText>[{alt}]</UserText> : null}
      </span>
    );
  }
  return (
    <img
      {...rest}
      ref={(image) => {
        if (!image || !focusWhenShown.current) return;
        focusWhenShown.current = false;
        image.focus();
      }}
      tabIndex={-1}
      src={src}
      alt={alt ?? ""}
      referrerPolicy="no-referrer"
    />
  );
}

const COMPONENTS: Components = { a: Link, img: Image };

/**
 * A note's markdown as HTML, safely: raw HTML in the text stays text (no
 * rehype-raw), so no script or event handler can run; links are limited to
 * http(s) and mailto, which open in a new tab, and the app's own pages,
 * which open in place; images only over https, and
 * only after a click.
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
          rehypePlugins={[labelTaskCheckboxes]}
          urlTransform={safeUrl}
          components={COMPONENTS}
        >
          {text}
        </Markdown>
      )}
    </div>
  );
}
