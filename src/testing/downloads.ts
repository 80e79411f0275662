import { vi } from "vitest";

/**
 * Catches the files the page downloads (a blob URL on a clicked link):
 * each file's blob and the link that was clicked, nothing saved.
 */
export function catchDownloads() {
  const blobs: Blob[] = [];
  const clicks: HTMLAnchorElement[] = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return "blob:daybook-export";
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    clicks.push(this);
  });
  return { blobs, clicks };
}
