import { useId } from "react";
import { Link } from "react-router";

import { paths, pathTo } from "@/config/paths";
import { errorMessage } from "@/lib/api-error";
import { formatDate } from "@/lib/format";

import type { FollowedHotel } from "../api/get-subscriptions";
import { useFollowToggle } from "../hooks/use-follow-toggle";

import "./hotels.css";

// One followed hotel. After "Unfollow" the row stays, with "Follow again", so a slip is one press to undo.

export function FollowingItem({ subscription }: { subscription: FollowedHotel }) {
  const nameId = useId();
  const follow = useFollowToggle(subscription.hotel.id, true);
  const { hotel } = subscription;
  return (
    <li className={`panel following-item ${follow.isFollowing ? "" : "following-item-off"}`}>
      <div className="following-item-main">
        <h2 id={nameId} className="following-name">
          <Link to={pathTo(paths.hotel, hotel.id)}>{hotel.name}</Link>
        </h2>
        <p className="following-city">{hotel.city}</p>
        <p className="muted small following-since">
          {follow.isFollowing
            ? `Since ${formatDate(subscription.since)} · ${
                subscription.source === "redeem" ? "followed when you claimed a coupon" : "you followed this hotel"
              }`
            : "You no longer follow this hotel."}
        </p>
        {follow.error !== null && (
          <p className="field-error" role="alert">
            {errorMessage(follow.error)}
          </p>
        )}
      </div>
      <button
        type="button"
        className={`button button-small ${follow.isFollowing ? "button-secondary" : "button-primary"}`}
        aria-describedby={nameId}
        aria-busy={follow.pending || undefined}
        onClick={follow.toggle}
      >
        {follow.isFollowing ? "Unfollow" : "Follow again"}
      </button>
    </li>
  );
}
