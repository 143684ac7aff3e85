/** The emulator's notion of time: real time plus a skew, so tests can make the client's clock look wrong. */
export class Clock {
	constructor(public skewMs = 0) {}

	now(): number {
		return Date.now() + this.skewMs;
	}
}
