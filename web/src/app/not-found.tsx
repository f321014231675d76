import { Link } from "react-router";

import { EmptyState } from "@/components/ui";

export function NotFoundPage() {
  return (
    <EmptyState title="This page does not exist">
      <title>Page not found · Hotel Coupon</title>
      <p>
        The address may be mistyped, or the page has moved. <Link to="/">Go to the start page</Link>.
      </p>
    </EmptyState>
  );
}
