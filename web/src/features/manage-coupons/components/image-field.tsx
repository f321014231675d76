import { useEffect, useId, useState } from "react";

import { Button } from "@/components/ui";

import { IMAGE_TYPES, imageProblem } from "../utils/image";

// The coupon's picture: chosen here, checked at once (type and size), previewed from memory, and uploaded after
// the coupon itself is saved.

interface ImageFieldProps {
  file: File | null;
  currentUrl: string | null;
  error: string | undefined;
  onChange: (file: File | null, problem: string | undefined) => void;
}

function useObjectUrl(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (file === null || typeof URL.createObjectURL !== "function") {
      setUrl(null);
      return;
    }
    const created = URL.createObjectURL(file);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [file]);
  return url;
}

export function ImageField({ file, currentUrl, error, onChange }: ImageFieldProps) {
  const id = useId();
  const [inputKey, setInputKey] = useState(0); // a new input element is the only way to empty a file input
  const preview = useObjectUrl(file);
  const shown = preview ?? currentUrl;

  return (
    <div className={`field image-field ${error !== undefined ? "field-invalid" : ""}`}>
      <label htmlFor={id}>Image</label>
      <input
        key={inputKey}
        id={id}
        type="file"
        accept={IMAGE_TYPES.join(",")}
        aria-describedby={`${id}-hint${error !== undefined ? ` ${id}-error` : ""}`}
        aria-invalid={error !== undefined || undefined}
        onChange={(event) => {
          const chosen = event.target.files?.[0] ?? null;
          const problem = chosen === null ? undefined : imageProblem(chosen);
          if (problem !== undefined) setInputKey((key) => key + 1);
          onChange(problem === undefined ? chosen : null, problem);
        }}
      />
      <p id={`${id}-hint`} className="field-hint">
        JPEG, PNG or WebP, at most 5 MB. It is uploaded when you save.
      </p>
      {error !== undefined && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      {shown !== null && (
        <div className="image-preview">
          <img src={shown} alt={preview !== null ? "Preview of the chosen image" : "The coupon's current image"} />
          {file !== null && (
            <Button
              variant="ghost"
              className="button-small"
              onClick={() => {
                setInputKey((key) => key + 1);
                onChange(null, undefined);
              }}
            >
              Remove chosen image
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
