module Schedules.TorchSharp.Tests.DifferentialTests

let tests = Expecto.Tests.testList "DifferentialTests" []
