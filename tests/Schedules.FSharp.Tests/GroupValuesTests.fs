module Schedules.Tests.GroupValuesTests
let tests = Expecto.Tests.testList "GroupValuesTests" []
