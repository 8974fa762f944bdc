/// <summary>The refusals the Keras schedules share, under Keras' argument names: Keras refuses only a length ≤ 0;
/// the rest would give NaN, infinities or negative LRs at some step.</summary>
module internal Schedules.Kinds.Keras.Checks

open System
open Schedules

/// A finite number (min_delta, whose sign Keras ignores).
let finite (param: string) (v: float) =
    if not (Double.IsFinite v) then
        Validate.fail param v "a finite number"

/// An LR (initial_learning_rate, end_learning_rate, warmup_target, values, min_lr): finite and ≥ 0.
let learningRate (param: string) (v: float) = Validate.nonNegative param v

/// A length Keras divides by (decay_steps, first_decay_steps): Keras' own check, "must be > 0", and finite.
let length (param: string) (v: float) = Validate.positive param v
