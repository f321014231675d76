import { errorMessage } from "@/lib/api-error";

import { useFollowToggle } from "../hooks/use-follow-toggle";

import "./hotels.css";

// A toggle: "Follow", or "Following" pressed; pressing "Following" unfollows.

export function FollowButton({ hotelId, following, hotelName }: { hotelId: string; following: boolean; hotelName: string }) {
  const follow = useFollowToggle(hotelId, following);
  return (
    <div className="follow">
      <button
        type="button"
        className={`button ${follow.isFollowing ? "button-secondary follow-on" : "button-primary"}`}
        aria-pressed={follow.isFollowing}
        aria-busy={follow.pending || undefined}
        title={follow.isFollowing ? `Stop following ${hotelName}` : `Hear first when ${hotelName} publishes a coupon`}
        onClick={follow.toggle}
      >
        {follow.isFollowing ? (
          <>
            <span aria-hidden="true">✓ </span>Following
          </>
        ) : (
          "Follow"
        )}
      </button>
      {follow.error !== null && (
        <p className="field-error" role="alert">
          {errorMessage(follow.error)}
        </p>
      )}
    </div>
  );
}
