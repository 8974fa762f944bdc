module Schedules.TorchSharp.Tests.ParamGroupsTests
let tests = Expecto.Tests.testList "ParamGroupsTests" []
