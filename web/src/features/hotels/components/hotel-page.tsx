export function HotelPage() { return <p>HotelPage is being built.</p>; }
