export { CouponsTablePage } from "./components/coupons-table-page";
export { CouponEditorPage } from "./components/coupon-editor-page";
