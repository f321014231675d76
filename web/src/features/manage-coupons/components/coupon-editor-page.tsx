import { Link, useParams } from "react-router";

import { ErrorBanner, PageHeader, Spinner, StatusBadge } from "@/components/ui";
import { paths } from "@/config/paths";
import { useUser } from "@/lib/session";

import { useCoupon } from "../api/get-coupon";
import { CouponEditor } from "./coupon-editor";
import "../manage-coupons.css";

// /manage/coupons/new and /manage/coupons/:id: the same form, empty or filled with the stored coupon.

export function CouponEditorPage() {
  const { id } = useParams();
  const timeZone = useUser().hotel?.timezone;
  const coupon = useCoupon(id);
  const back = (
    <Link to={paths.manageCoupons} className="back-link">
      ← All coupons
    </Link>
  );

  if (id === undefined) {
    return (
      <div className="coupon-editor">
        {back}
        <PageHeader title="New coupon" />
        <CouponEditor coupon={null} timeZone={timeZone} />
      </div>
    );
  }
  return (
    <div className="coupon-editor">
      {back}
      {coupon.isPending && <Spinner label="Loading the coupon…" />}
      {coupon.isError && <ErrorBanner error={coupon.error} onRetry={() => void coupon.refetch()} />}
      {coupon.isSuccess && (
        <>
          <PageHeader title={`Edit “${coupon.data.title}”`}>
            <StatusBadge status={coupon.data.status} />
          </PageHeader>
          <CouponEditor key={coupon.data.id} coupon={coupon.data} timeZone={timeZone} />
        </>
      )}
    </div>
  );
}
