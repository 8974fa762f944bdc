module Schedules.TorchSharp.Tests.BoundSchedulerTests
let tests = Expecto.Tests.testList "BoundSchedulerTests" []
