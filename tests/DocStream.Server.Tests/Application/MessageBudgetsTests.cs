using DocStream.Server.Application;

namespace DocStream.Server.Tests.Application;

public class MessageBudgetsTests
{
    [Fact]
    public void Budgets_DefaultLimit_AreDerivedFromTheMessageLimit()
    {
        var budgets = new MessageBudgets(4 * 1024 * 1024);

        Assert.Equal(4 * 1024 * 1024 - 1024, budgets.WholeDocumentBytes);
        Assert.Equal(MessageBudgets.MaxChunkBytes, budgets.ChunkBytes);
        Assert.Equal(8L * 1024 * 1024, budgets.StreamBatchBytes);
        // Each of 1000 documents takes a tag and a length of four bytes; the token keeps 64.
        Assert.Equal((4 * 1024 * 1024) - 64 - (1000 * 5), budgets.ListPageBytes(1000));
    }

    [Fact]
    public void Budgets_SmallestLimit_ChunksFitInAMessage()
    {
        var budgets = new MessageBudgets(MessageBudgets.MinMessageBytes);

        Assert.Equal(MessageBudgets.MinMessageBytes - 1024, budgets.ChunkBytes);
        Assert.True(budgets.ListPageBytes(DocumentPager.MaxPageSize) > 0);
    }

    [Fact]
    public void Budgets_LimitBelowTheSmallest_AreRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessageBudgets(MessageBudgets.MinMessageBytes - 1));
}
