// The timeline math of issue 7: clock, counter and labels, phases, plan vs actual, projection,
// rollback deadline, validation, moving T0, rehearsal comparison. Pure functions; "now" and T0
// are always parameters.

export * from './clock';
export * from './format';
export * from './minutes';
export * from './runs';
export * from './plan';
export * from './phases';
export * from './planVsActual';
export * from './projection';
export * from './rollback';
export * from './validate';
export * from './moveT0';
export * from './rehearsal';
export * from './timelineAt';
