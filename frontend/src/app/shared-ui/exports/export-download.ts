import { inject, Injectable } from '@angular/core';
import { AuthStore } from '../../core/auth/auth-store';
import { NETWORK_MESSAGE } from '../../core/graphql/graphql-error';

/** `attachment; filename="codes.csv"` -> `codes.csv`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const match = disposition && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return match ? decodeURIComponent(match[1]) : fallback;
}

/**
 * Downloads a finished export (`GET /v1/exports/:id/download`) with the session's bearer token (a plain link
 * would carry no credentials) and hands the file to the browser. A 401 refreshes the session once.
 */
@Injectable({ providedIn: 'root' })
export class ExportDownload {
  private readonly auth = inject(AuthStore);

  async save(url: string, fallbackName: string): Promise<void> {
    let response = await this.fetch(url);
    if (response.status === 401 && (await this.auth.refresh())) response = await this.fetch(url);
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new Error(body?.error?.message ?? `The download failed (HTTP ${response.status}).`);
    }
    const blob = await response.blob();
    const href = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = href;
    link.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  }

  private async fetch(url: string): Promise<Response> {
    const token = this.auth.accessToken();
    try {
      return await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    } catch {
      throw new Error(NETWORK_MESSAGE);
    }
  }
}
