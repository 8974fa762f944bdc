namespace Schedules

open System
open System.Collections.Concurrent
open System.Runtime.CompilerServices

/// <summary>
/// Functions inside configurations (<c>lr_lambda</c>, <c>scale_fn</c>) by name, so that a configuration holding
/// them can be written as JSON and read back (<c>Config.toJson</c> / <c>Config.ofJson</c>): the built-ins below, and
/// the user's own functions registered with <c>register</c>. A function that is not registered still works
/// everywhere but in a JSON configuration.
/// </summary>
[<RequireQualifiedAccess>]
module Functions =

    [<NoEquality; NoComparison>]
    type private Entry = {
        Name: string
        Args: (string * float) list
    }

    let private names = ConditionalWeakTable<obj, Entry>()
    let private byName = ConcurrentDictionary<string, obj>()

    let private builtIns = set [ "gamma_pow"; "const"; "inv_sqrt"; "linear_warmup" ]

    let private named (name: string) (args: (string * float) list) (f: 'F) : 'F =
        names.AddOrUpdate(box f, { Name = name; Args = args })
        f

    /// <summary>Registers a function under <paramref name="name"/> and returns it: a configuration holding it is
    /// written as <c>{"fn": name}</c> and read back as this function. Registering a name again replaces the
    /// function.</summary>
    [<CompiledName("Register")>]
    let register (name: string) (f: 'F) : 'F =
        Validate.notNull "f" (box f)

        if String.IsNullOrWhiteSpace name || builtIns.Contains name then
            Validate.fail
                "name"
                name
                (sprintf "a non-empty name other than the built-ins (%s)" (String.concat ", " builtIns))

        byName.[name] <- box f
        named name [] f

    /// <summary>PyTorch's classic multiplier <c>gamma ** epoch</c> (name <c>gamma_pow</c>).</summary>
    [<CompiledName("GammaPow")>]
    let gammaPow (gamma: float) : int -> float =
        named "gamma_pow" [ "gamma", gamma ] (fun epoch -> Math.Pow(gamma, float epoch))

    /// <summary>A constant multiplier (name <c>const</c>).</summary>
    [<CompiledName("Constant")>]
    let constant (value: float) : int -> float =
        named "const" [ "value", value ] (fun _ -> value)

    /// <summary><c>1 / sqrt(epoch + offset)</c> (name <c>inv_sqrt</c>).</summary>
    [<CompiledName("InvSqrt")>]
    let invSqrt (offset: float) : int -> float =
        named "inv_sqrt" [ "offset", offset ] (fun epoch -> 1.0 / Math.Sqrt(float epoch + offset))

    /// <summary>celldetection's linear warm-up factor (name <c>linear_warmup</c>): 1 when step &gt; steps, else
    /// min(step / steps, 1). WarmUp's default.</summary>
    [<CompiledName("LinearWarmUp")>]
    let linearWarmUp: int -> int -> float =
        named "linear_warmup" [] (fun step steps ->
            if step > steps then
                1.0
            else
                min (float step / float steps) 1.0)

    /// The name and arguments a function was registered with.
    let internal describe (f: obj) =
        match names.TryGetValue f with
        | true, e -> Some(e.Name, e.Args)
        | _ -> None

    /// The function a name (and its arguments) stands for, typed as the parameter needs it.
    let internal resolve<'F> (param: string) (name: string) (arg: string -> float) : 'F =
        let found: obj =
            match name with
            | "gamma_pow" -> gammaPow (arg "gamma")
            | "const" -> constant (arg "value")
            | "inv_sqrt" -> invSqrt (arg "offset")
            | "linear_warmup" -> linearWarmUp
            | _ ->
                match byName.TryGetValue name with
                | true, f -> f
                | _ ->
                    raise (
                        ArgumentException(
                            sprintf
                                "%s names the function \"%s\", which is neither a built-in (%s) nor registered with Functions.register."
                                param
                                name
                                (String.concat ", " builtIns),
                            param
                        )
                    )

        match found with
        | :? 'F as f -> f
        | _ ->
            raise (
                ArgumentException(
                    sprintf
                        "%s names the function \"%s\", which is a %s, not a %s."
                        param
                        name
                        (found.GetType().Name)
                        typeof<'F>.Name,
                    param
                )
            )
