import { useEffect, useRef, useState, type SubmitEvent } from "react";
import { Link, useNavigate } from "react-router";

import { useToast } from "@/components/toasts";
import { Button, ErrorBanner } from "@/components/ui";
import { paths, pathTo } from "@/config/paths";
import { ApiError, errorMessage } from "@/lib/api-error";
import { isoDate } from "@/lib/format";
import type { Coupon } from "@/types/api";

import { useSaveCoupon, type SaveRequest } from "../hooks/use-save-coupon";
import {
  API_FIELDS,
  couponToForm,
  emptyCouponForm,
  serverFieldMessage,
  validateCouponForm,
  type CouponField,
  type CouponFormErrors,
  type CouponFormValues,
} from "../utils/coupon-form";
import { statusActions } from "../utils/status-actions";
import { CouponFields } from "./coupon-fields";
import { ImageField } from "./image-field";

// The form behind "New coupon" and "Edit": checked here first (messages next to each field), then by the server
// (its `details` land next to the same fields). Saved coupons go back to the table with a toast.

interface Intent {
  label: string;
  status: SaveRequest["status"];
  done: string;
}

const LABELS: Record<CouponField, string> = {
  title: "Title",
  description: "Description",
  terms: "Terms",
  discount: "Discount (%)",
  quantity: "Quantity",
  perGuestLimit: "Per-guest limit",
  validFrom: "Valid from",
  validUntil: "Valid until",
  stayFrom: "Stay from",
  stayUntil: "Stay until",
};

/** Where a whole-request error belongs, when the server names no field. */
const FIELD_OF_CODE: Partial<Record<string, CouponField>> = { quantity_below_redeemed: "quantity", expired: "validUntil" };

function serverErrors(error: unknown): { fields: CouponFormErrors; rest: unknown } {
  if (!(error instanceof ApiError)) return { fields: {}, rest: error };
  const fields: CouponFormErrors = {};
  for (const field of Object.keys(API_FIELDS) as CouponField[]) {
    const message = serverFieldMessage(LABELS[field], error.fieldMessage(API_FIELDS[field]));
    if (message !== undefined) fields[field] = message;
  }
  const byCode = FIELD_OF_CODE[error.code];
  if (byCode !== undefined && fields[byCode] === undefined) fields[byCode] = error.message;
  const named = new Set(Object.values(API_FIELDS));
  const unplaced = error.details.some((issue) => !named.has(issue.field));
  return { fields, rest: Object.keys(fields).length === 0 || unplaced ? error : null };
}

const ARCHIVE: Intent = { label: "Archive", status: "archived", done: "Coupon archived" };

interface EditorActionsProps {
  intents: readonly Intent[];
  /** The intent that the form's submit (Enter) carries out. */
  primary: string;
  /** The label of the intent being saved, if any. */
  busy: string | null;
  canArchive: boolean;
  onIntent: (intent: Intent) => void;
}

/** The save buttons, Cancel, and Archive, which asks first in place. */
function EditorActions({ intents, primary, busy, canArchive, onIntent }: EditorActionsProps) {
  const [confirmingArchive, setConfirmingArchive] = useState(false);
  return (
    <>
      <div className="editor-actions">
        {intents.map((intent) => (
          <Button
            key={intent.label}
            type={intent.label === primary ? "submit" : "button"}
            variant={intent.label === primary ? "primary" : "secondary"}
            busy={busy === intent.label}
            disabled={busy !== null}
            onClick={intent.label === primary ? undefined : () => onIntent(intent)}
          >
            {intent.label}
          </Button>
        ))}
        {canArchive && !confirmingArchive && (
          <Button variant="danger" disabled={busy !== null} onClick={() => setConfirmingArchive(true)}>
            Archive
          </Button>
        )}
        <Link className="button button-ghost" to={paths.manageCoupons}>
          Cancel
        </Link>
      </div>
      {confirmingArchive && (
        <div className="banner banner-warning archive-confirm" role="group" aria-labelledby="archive-confirm-text">
          <span id="archive-confirm-text">Archive this coupon? Travellers will no longer see it, and it cannot be changed again.</span>
          <div className="row-actions">
            <Button variant="danger" className="button-small" autoFocus busy={busy === ARCHIVE.label} onClick={() => onIntent(ARCHIVE)}>
              Confirm archive
            </Button>
            <Button variant="ghost" className="button-small" onClick={() => setConfirmingArchive(false)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </>
  );
}

export function CouponEditor({ coupon, timeZone }: { coupon: Coupon | null; timeZone: string | undefined }) {
  const navigate = useNavigate();
  const toast = useToast();
  const zone = coupon?.hotel.timezone ?? timeZone;
  const today = isoDate(new Date(), zone);
  const [initial] = useState<CouponFormValues>(() => (coupon !== null ? couponToForm(coupon) : emptyCouponForm(today)));
  const [values, setValues] = useState(initial);
  const [image, setImage] = useState<File | null>(null);
  const [imageError, setImageError] = useState<string | undefined>(); // the chosen file cannot be uploaded
  const [uploadError, setUploadError] = useState<string | undefined>(); // the server refused it: saving again retries
  const [checked, setChecked] = useState<Intent | null>(null); // after a first attempt, messages follow the typing
  const [fromServer, setFromServer] = useState<CouponFormErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const { save } = useSaveCoupon(coupon);

  const archived = coupon?.status === "archived";
  const redeemed = coupon?.quantity != null && coupon.remaining !== null ? coupon.quantity - coupon.remaining : 0;
  const context = (intent: Intent | null) => ({ today, redeemed, publishing: intent?.status === "active" });
  const local = checked !== null ? validateCouponForm(values, context(checked)) : {};
  const errorFor = (field: CouponField) => local[field] ?? fromServer[field];

  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .coupon-form-error')?.focus();
  }, [focusRequest]);

  const change = (field: CouponField, value: string) => {
    setValues((before) => ({ ...before, [field]: value }));
    setFromServer((before) => ({ ...before, [field]: undefined }));
  };

  const submit = async (intent: Intent) => {
    setChecked(intent);
    setFormError(null);
    setUploadError(undefined);
    const problems = intent.status === "archived" ? {} : validateCouponForm(values, context(intent));
    if (Object.keys(problems).length > 0 || imageError !== undefined) {
      setFocusRequest((n) => n + 1);
      return;
    }
    setBusy(intent.label);
    try {
      const result = await save({ values, initial, status: intent.status, image: intent.status === "archived" ? null : image });
      if (result.imageError !== undefined) {
        toast({ tone: "error", title: "The coupon was saved, but its image was not", body: errorMessage(result.imageError) });
        setUploadError(errorMessage(result.imageError));
        if (coupon === null) void navigate(pathTo(paths.editCoupon, result.saved.id), { replace: true });
        return;
      }
      toast({ tone: "success", title: intent.done, body: result.saved.title });
      void navigate(paths.manageCoupons);
    } catch (error) {
      const { fields, rest } = serverErrors(error);
      setFromServer(fields);
      setFormError(rest);
      setFocusRequest((n) => n + 1);
    } finally {
      setBusy(null);
    }
  };

  const intents: Intent[] =
    coupon === null
      ? [
          { label: "Save draft", status: "draft", done: "Draft saved" },
          { label: "Publish", status: "active", done: "Coupon published" },
        ]
      : [
          { label: "Save changes", status: undefined, done: "Changes saved" },
          ...statusActions(coupon.status)
            .filter((action) => !action.confirm)
            .map((action) => ({ label: action.label, status: action.to, done: action.done })),
        ];
  const primary = coupon === null ? "Publish" : "Save changes";
  const canArchive = coupon !== null && statusActions(coupon.status).some((action) => action.to === "archived");

  return (
    <form
      ref={formRef}
      className="form coupon-form"
      noValidate
      onSubmit={(event: SubmitEvent<HTMLFormElement>) => {
        event.preventDefault();
        const intent = intents.find((candidate) => candidate.label === primary);
        if (intent !== undefined) void submit(intent);
      }}
    >
      {archived && <p className="banner banner-warning">This coupon is archived: it can no longer be changed.</p>}
      {formError !== null && (
        // Focusable, so a failed save can move focus to what went wrong when no field is to blame.
        <div className="coupon-form-error" tabIndex={-1}>
          <ErrorBanner error={formError} />
        </div>
      )}
      <fieldset disabled={archived || busy !== null} className="coupon-form-body">
        <p className="muted small">Title, discount and valid until are required. Dates are in your hotel's time zone.</p>
        <CouponFields values={values} errorFor={errorFor} onChange={change} />
        <fieldset>
          <legend>Picture</legend>
          <ImageField
            file={image}
            currentUrl={coupon?.image_url ?? null}
            error={imageError ?? uploadError}
            onChange={(file, problem) => {
              setImage(file);
              setImageError(problem);
              setUploadError(undefined);
            }}
          />
        </fieldset>
      </fieldset>
      {!archived && <EditorActions intents={intents} primary={primary} busy={busy} canArchive={canArchive} onIntent={(intent) => void submit(intent)} />}
    </form>
  );
}
