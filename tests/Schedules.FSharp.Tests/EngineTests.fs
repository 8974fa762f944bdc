module Schedules.Tests.EngineTests
let tests = Expecto.Tests.testList "EngineTests" []
