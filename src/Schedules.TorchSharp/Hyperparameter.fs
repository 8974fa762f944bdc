namespace Schedules.TorchSharp

/// <summary>
/// The optimizer setting a bound scheduler drives (optax's <c>inject_hyperparams</c>, timm's
/// <c>param_group_field</c>). The scheduler is unchanged: the "LRs" its transitions observe and return are this
/// setting's values, one per param group, read from and written to the optimizer by the shell. Several bound
/// schedulers can drive several settings of one optimizer.
/// </summary>
[<RequireQualifiedAccess>]
type Hyperparameter =
    /// <summary>The learning rate (<c>lr</c>), which every optimizer has: the default. Finite and &gt;= 0.</summary>
    | LearningRate
    /// <summary>The weight decay (<c>weight_decay</c>: SGD, Adam, AdamW, Adamax, NAdam, RAdam, RMSprop, Adagrad,
    /// Adadelta, ASGD). Finite and &gt;= 0.</summary>
    | WeightDecay
    /// <summary>The momentum (<c>momentum</c>: SGD, RMSprop). In [0, 1).</summary>
    | Momentum
    /// <summary>The first of the betas (<c>betas[0]</c>: Adam, AdamW, Adamax, NAdam, RAdam). In [0, 1).</summary>
    | Beta1
    /// <summary>The second of the betas (<c>betas[1]</c>: Adam, AdamW, Adamax, NAdam, RAdam). In [0, 1).</summary>
    | Beta2
