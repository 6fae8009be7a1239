import { useEffect, useRef, useState } from "react";
import type { RequestReviewServices } from "../../workflows/requests/requestServices";

/** The request a link opened the page on (?request=…), once the host has said; `onLinked` shows the Requests tab. */
export function useLinkedRequest(reviews: RequestReviewServices | undefined, onLinked: () => void): string | undefined {
  const [linked, setLinked] = useState<string>();
  // The link is read once per set of services; the latest callback is the one called.
  const callback = useRef(onLinked);
  callback.current = onLinked;
  useEffect(() => {
    let active = true;
    reviews?.linkedRequestId().then(
      (id) => {
        if (!active || !id) return;
        setLinked(id);
        callback.current();
      },
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [reviews]);
  return linked;
}
