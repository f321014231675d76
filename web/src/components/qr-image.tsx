import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { api } from "@/lib/api-client";

import "./coupon-card.css";

// The QR of a claimed code. The image needs the Authorization header, so it is fetched as a Blob (cached, it never
// changes) and shown through an object URL that each <img> creates for itself and revokes when it goes away.

export const QR_ALT = "QR code for your coupon";

/** The SVG form: sharp at any size, from a small list thumbnail to the full-screen view at the desk. */
export function qrPath(redemptionId: string): string {
  return `/redemptions/${encodeURIComponent(redemptionId)}/qr.svg`;
}

export function useQrBlob(redemptionId: string) {
  return useQuery({
    queryKey: ["redemption-qr", redemptionId],
    queryFn: ({ signal }) => api.blob(qrPath(redemptionId), signal),
    staleTime: Infinity,
    gcTime: 10 * 60_000,
  });
}

/** An object URL for `blob` while the caller is mounted (created in an effect, so StrictMode cannot revoke it early). */
export function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (blob === undefined) return;
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => {
      URL.revokeObjectURL(created);
      setUrl(undefined);
    };
  }, [blob]);
  return url;
}

export function QrImage({ redemptionId, size, className = "" }: { redemptionId: string; size: number; className?: string }) {
  const qr = useQrBlob(redemptionId);
  const url = useObjectUrl(qr.data);
  if (qr.isError) {
    return (
      <div className={`qr-box ${className}`} role="img" aria-label="The QR code could not be loaded; show the code instead">
        <span aria-hidden="true">QR unavailable, show the code</span>
      </div>
    );
  }
  if (url === undefined) {
    return (
      <div className={`qr-box ${className}`} role="img" aria-label="Loading the QR code" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
      </div>
    );
  }
  return <img className={`qr ${className}`} src={url} alt={QR_ALT} width={size} height={size} />;
}
