module Schedules.TorchSharp.Tests.ResumeTests
let tests = Expecto.Tests.testList "ResumeTests" []
