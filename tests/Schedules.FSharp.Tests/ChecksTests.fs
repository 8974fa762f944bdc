module Schedules.Tests.ChecksTests
let tests = Expecto.Tests.testList "ChecksTests" []
